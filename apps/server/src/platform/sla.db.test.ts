import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { count, createTestApp, type TestApp } from '../../test/harness.ts';
import type { App } from './context.ts';
import { clockOf, onSla, slaState, startClock, stopClock, sweepSla, type SlaEvent } from './sla.ts';

const MIN = 60_000;
const t0 = new Date('2026-03-02T01:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * MIN);

describe('SLA clocks: durable marks fired once, handlers by prefix, survive a restart', () => {
  let t: TestApp;
  const seen: Array<{ mark: string; subject: string }> = [];
  beforeAll(async () => {
    t = await createTestApp();
    onSla('test:', async (_app, e: SlaEvent) => {
      seen.push({ mark: e.mark, subject: e.clock.subject });
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('starts idempotently and stops once', async () => {
    const a = await startClock(t.app.database.pool, {
      subject: 'test:a',
      clock: 'review',
      durationMs: 100 * MIN,
      owner: 'u1',
      now: t0,
    });
    const again = await startClock(t.app.database.pool, {
      subject: 'test:a',
      clock: 'review',
      durationMs: 5 * MIN,
      now: at(30),
    });
    expect(again.dueAt).toEqual(a.dueAt);
    expect(again.owner).toBe('u1');
    expect(slaState(a, at(10))).toBe('green');
    expect(slaState(a, at(50))).toBe('amber');
    expect(slaState(a, at(85))).toBe('red');
    expect(slaState(a, at(101))).toBe('breached');
    const stopped = await stopClock(t.app.database.pool, 'test:a', 'review', at(60));
    expect(stopped!.stoppedAt).toEqual(at(60));
    expect(slaState(stopped!)).toBe('met');
    await stopClock(t.app.database.pool, 'test:a', 'review', at(90));
    expect((await clockOf(t.app.database.pool, 'test:a', 'review'))!.stoppedAt).toEqual(at(60));
    expect(await stopClock(t.app.database.pool, 'test:none', 'review')).toBeNull();
    await expect(
      startClock(t.app.database.pool, { subject: 'test:z', clock: 'x', durationMs: 0 }),
    ).rejects.toThrow(/positive/);
  });

  it('records 50 %, 80 % and the breach each once, even with two sweeps at the same time', async () => {
    await startClock(t.app.database.pool, {
      subject: 'test:b',
      clock: 'legal',
      durationMs: 100 * MIN,
      now: t0,
    });
    await startClock(t.app.database.pool, {
      subject: 'other:c',
      clock: 'legal',
      durationMs: 100 * MIN,
      now: t0,
    });
    expect(await sweepSla(t.app, at(40))).toEqual([]);
    const [x, y] = await Promise.all([sweepSla(t.app, at(55)), sweepSla(t.app, at(55))]);
    expect([...x!, ...y!].map((e) => `${e.mark} ${e.clock.subject}`).sort()).toEqual([
      'warn50 other:c',
      'warn50 test:b',
    ]);
    // handlers only hear about their own prefix
    expect(seen).toEqual([{ mark: 'warn50', subject: 'test:b' }]);
    const many = await Promise.all(Array.from({ length: 4 }, () => sweepSla(t.app, at(130))));
    const marks = many.flat().map((e) => `${e.mark} ${e.clock.subject}`);
    expect(marks.sort()).toEqual(['breach other:c', 'breach test:b', 'warn80 other:c', 'warn80 test:b']);
    expect(await sweepSla(t.app, at(500))).toEqual([]);
    expect(seen.filter((s) => s.subject === 'test:b').map((s) => s.mark)).toEqual([
      'warn50',
      'warn80',
      'breach',
    ]);
    expect(
      await count(
        t.app,
        'SELECT count(*) FROM sla_clocks WHERE breached_at IS NOT NULL AND warned_80_at IS NOT NULL',
      ),
    ).toBe(2);
  });

  it('a stopped clock fires nothing; a handler that throws does not stop the sweep', async () => {
    onSla('boom:', async () => {
      throw new Error('handler failed');
    });
    await startClock(t.app.database.pool, { subject: 'boom:1', clock: 'r', durationMs: 10 * MIN, now: t0 });
    await startClock(t.app.database.pool, {
      subject: 'test:stopped',
      clock: 'r',
      durationMs: 10 * MIN,
      now: t0,
    });
    await stopClock(t.app.database.pool, 'test:stopped', 'r', at(2));
    const events = await sweepSla(t.app, at(20));
    expect(events.map((e) => e.clock.subject)).toEqual(['boom:1', 'boom:1', 'boom:1']);
  });

  it('a clock started before a restart breaches after it (new app on the same data)', async () => {
    await startClock(t.app.database.pool, {
      subject: 'test:restart',
      clock: 'review',
      durationMs: 60 * MIN,
      now: t0,
    });
    const config = t.app.config;
    await t.app.database.close();
    let app2: App | null = null;
    try {
      app2 = await createApp(config, { logLevel: 'silent' });
      const events = await sweepSla(app2, at(61));
      expect(events.filter((e) => e.clock.subject === 'test:restart').map((e) => e.mark)).toEqual([
        'warn50',
        'warn80',
        'breach',
      ]);
      expect(await sweepSla(app2, at(120))).toEqual([]);
    } finally {
      // the harness closes (and drops) the database of its app object: hand it the new one
      if (app2) Object.assign(t.app, { database: app2.database, db: app2.db });
    }
  });
});
