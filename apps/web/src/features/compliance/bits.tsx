import {
  COMPLIANCE_CATEGORIES,
  type ChecklistEntry,
  type ComplianceCategory,
  type ItemStatus,
  type ScanAnswer,
} from '@linli/contracts/compliance';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { categoryColor, duration, runs, slaLevel, type Span } from './highlight.ts';

export type Hit = ScanAnswer['hits'][number] & { key?: string; verdict?: 'confirmed' | 'overruled' | null };

const STATUS_COLOR: Record<ItemStatus, string> = {
  returned: 'orange',
  review: 'blue',
  legal: 'purple',
  approved: 'green',
  rejected: 'red',
  recalled: 'volcano',
};

export function StatusTag({ status }: { status: ItemStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="item-status" data-status={status}>
      {t(`compliance.status.${status}`)}
    </Tag>
  );
}

export function CategoryTag({ category }: { category: string }) {
  const { t } = useI18n();
  return (
    <Tag color={categoryColor(category)} style={{ marginInlineEnd: 4 }}>
      {t(`compliance.categories.${category as ComplianceCategory}` as MessageKey)}
    </Tag>
  );
}

export function VerdictTag({ verdict }: { verdict: 'pass' | 'review' | 'block' }) {
  const { t } = useI18n();
  const color = verdict === 'block' ? 'red' : verdict === 'review' ? 'gold' : 'green';
  return <Tag color={color}>{t(`compliance.verdict.${verdict}`)}</Tag>;
}

/** The current time, ticking every `ms` (SLA countdowns). */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

const SLA_COLOR = { green: 'green', amber: 'gold', red: 'red', over: 'magenta' } as const;

/** The open stage's clock: green, amber from 50 %, red from 80 %; the time left or over. */
export function SlaBadge({ startedAt, dueAt }: { startedAt: string | null; dueAt: string | null }) {
  const { t } = useI18n();
  const now = useNow();
  if (!startedAt || !dueAt)
    return <Typography.Text type="secondary">{t('compliance.sla.none')}</Typography.Text>;
  const level = slaLevel(startedAt, dueAt, now);
  const left = Date.parse(dueAt) - now;
  const units = {
    d: t('compliance.sla.units.d'),
    h: t('compliance.sla.units.h'),
    m: t('compliance.sla.units.m'),
  };
  return (
    <Tag color={SLA_COLOR[level]} data-testid="sla" data-level={level}>
      {t(left >= 0 ? 'compliance.sla.left' : 'compliance.sla.over', { t: duration(left, units) })}
    </Tag>
  );
}

const CATEGORY_SET = new Set<string>(COMPLIANCE_CATEGORIES);

/**
 * Words a reason code of a decision or of the legal need: a category, `legal:policy`,
 * `legal:hit:<category>:<terms>`, `legal:concern:<checklist key>`, `legal:asked` (with or without
 * the `legal:` prefix); anything else a reviewer typed is shown as typed.
 */
export function useReasonLabel(checklist: readonly ChecklistEntry[] = []) {
  const { t } = useI18n();
  const category = (c: string) =>
    CATEGORY_SET.has(c) ? t(`compliance.categories.${c as ComplianceCategory}`) : c;
  return (token: string): string => {
    const r = token.startsWith('legal:') ? token.slice(6) : token;
    if (r === 'policy') return t('compliance.legalReasons.policy');
    if (r === 'asked') return t('compliance.legalReasons.asked');
    if (r.startsWith('hit:')) {
      const rest = r.slice(4);
      const cut = rest.indexOf(':');
      return t('compliance.legalReasons.hit', {
        category: category(cut < 0 ? rest : rest.slice(0, cut)),
        terms: cut < 0 ? '' : rest.slice(cut + 1),
      });
    }
    if (r.startsWith('concern:')) {
      const key = r.slice(8);
      const c = checklist.find((x) => x.key === key);
      return t('compliance.legalReasons.concern', {
        item: c?.category ? category(c.category) : (c?.title ?? key),
      });
    }
    return category(token);
  };
}

export function HitDetail({ hit }: { hit: Hit }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={2} style={{ maxWidth: 320 }}>
      <span>
        <b>{t(`compliance.categories.${hit.category}` as MessageKey)}</b> ·{' '}
        {t(`compliance.severity.${hit.severity}`)}
      </span>
      <span>
        {t('compliance.hit.law')}：{hit.law}
      </span>
      <span>
        {t('compliance.hit.suggestion')}：{hit.suggestion}
      </span>
    </Flex>
  );
}

/** How a highlighted run looks: its first hit's category colour, solid for block, wavy for review. */
function runStyle(hits: Span[], transparentText: boolean): CSSProperties {
  const h = hits[0]!;
  const color = categoryColor(h.category);
  return {
    textDecorationLine: 'underline',
    textDecorationStyle: h.severity === 'block' ? 'solid' : 'wavy',
    textDecorationColor: color,
    textDecorationThickness: 2,
    textUnderlineOffset: 3,
    background: `${color}${h.severity === 'block' ? '26' : '14'}`,
    borderRadius: 2,
    color: transparentText ? 'transparent' : undefined,
  };
}

/**
 * The copy as text with its hits underlined; each underlined run has a tooltip with the law and
 * the suggestion. React renders strings as text nodes: HTML in the copy stays visible, never runs.
 */
export function HighlightedText({
  text,
  hits,
  transparentText = false,
  testId,
}: {
  text: string;
  hits: readonly Hit[];
  transparentText?: boolean;
  testId?: string;
}) {
  const parts: ReactNode[] = runs(text, hits).map((r) =>
    r.hits.length === 0 ? (
      <span key={r.start}>{r.text}</span>
    ) : transparentText ? (
      <mark key={r.start} style={runStyle(r.hits, true)}>
        {r.text}
      </mark>
    ) : (
      <Tooltip
        key={r.start}
        title={
          <Flex vertical gap={8}>
            {r.hits.map((h, i) => (
              <HitDetail key={i} hit={h} />
            ))}
          </Flex>
        }
      >
        <mark data-testid="hit-mark" data-category={r.hits[0]!.category} style={runStyle(r.hits, false)}>
          {r.text}
        </mark>
      </Tooltip>
    ),
  );
  return (
    <span data-testid={testId} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
      {parts}
    </span>
  );
}
