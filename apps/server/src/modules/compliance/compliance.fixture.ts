/** Shared set-up of the compliance db tests: an app over HTTP with an author, a reviewer and legal. */
import type { ComplianceItemDetail, DecideInput } from '@linli/contracts/compliance';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { loginAs, startHttp, type Http } from '../../../test/http.ts';

/** Copy whose stage-1 outcome the tests rely on (checked in the first test of each file). */
export const COPY = {
  /** block: medical claim and superlative */
  blocked: '本店的最新鲜草莓，吃了降血压',
  /** review only, high-risk (price_fraud) */
  priceReview: '原价59元，今天只要29元',
  /** review only, not high-risk (superstition) */
  softReview: '招财金桔，新年好运',
  clean: '今日草莓到货，新鲜采摘，欢迎下单',
} as const;

export interface Lab {
  t: TestApp;
  http: Http;
  cookies: Record<'author' | 'reviewer' | 'reviewer2' | 'legal' | 'analyst', string>;
  as(
    who: keyof Lab['cookies'],
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function openLab(): Promise<Lab> {
  const t = await createTestApp();
  const http = await startHttp(t);
  const cookies = {
    author: await loginAs(t, http, 'writer', ['operator']),
    reviewer: await loginAs(t, http, 'rita', ['reviewer']),
    reviewer2: await loginAs(t, http, 'rob', ['reviewer']),
    legal: await loginAs(t, http, 'lin', ['legal']),
    analyst: await loginAs(t, http, 'ana', ['analyst']),
  };
  return {
    t,
    http,
    cookies,
    as: (who, method, path, body, headers = {}) =>
      http.call(method, path, body, { cookie: cookies[who], 'x-api-key': '', ...headers }),
    async close() {
      await http.close();
      await t.close();
    },
  };
}

/** Submits copy as the author; returns the item detail. */
export async function submit(
  lab: Lab,
  text: string,
  extra: Record<string, unknown> = {},
): Promise<ComplianceItemDetail> {
  const r = await lab.as('author', 'POST', '/api/v1/compliance/items', {
    type: 'push',
    channel: 'app_push',
    title: 't',
    text,
    ...extra,
  });
  if (r.status !== 201 && r.status !== 200) throw new Error(`submit: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as ComplianceItemDetail;
}

/** Every enabled checklist item answered `ok`. */
export function allOk(d: ComplianceItemDetail): Record<string, 'ok'> {
  return Object.fromEntries(d.checklist.map((c) => [c.key, 'ok' as const]));
}

/** Overrules every hit of the current version, then approves stage 2 as the reviewer. */
export async function passReview(lab: Lab, d: ComplianceItemDetail, extra: Partial<DecideInput> = {}) {
  const v = d.versions[0]!;
  if (v.hits.length > 0) {
    const r = await lab.as('reviewer', 'PUT', `/api/v1/compliance/items/${d.item.id}/verdicts`, {
      version: v.version,
      verdicts: v.hits.map((h) => ({ hit: h.key, verdict: 'overruled' })),
    });
    if (r.status !== 200) throw new Error(`verdicts: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return lab.as('reviewer', 'POST', `/api/v1/compliance/items/${d.item.id}/decisions`, {
    version: v.version,
    stage: 'review',
    decision: 'approve',
    checklist: allOk(d),
    ...extra,
  });
}
