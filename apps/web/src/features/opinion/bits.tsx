import type { OpinionCategory, OpinionLevel, SlaView, TriageEvidence } from '@linli/contracts/opinion';
import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';

/** Level colours: the board's columns and tags, calm to alarming. */
export const LEVEL_COLORS: Record<number, string> = { 0: 'default', 1: 'gold', 2: 'orange', 3: 'red' };
export const LEVEL_HEX: Record<number, string> = { 1: '#d4b106', 2: '#fa8c16', 3: '#e34d59' };
/** The SLA bands: green before half the time, amber from 50 %, red from 80 % and past due. */
export const SLA_HEX = { green: '#00a870', amber: '#f59a23', red: '#e34d59', done: '#8c8c8c' } as const;

/** The current time, ticking every `ms` (the countdowns move without a refetch). */
export function useNow(ms = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** 1 h 05 min / 12 min / 40 s */
export function span(ms: number, lang: string): string {
  const s = Math.max(0, Math.round(Math.abs(ms) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const zh = lang === 'zh-CN';
  if (h >= 24) return zh ? `${Math.floor(h / 24)} 天 ${h % 24} 小时` : `${Math.floor(h / 24)} d ${h % 24} h`;
  if (h > 0)
    return zh ? `${h} 小时 ${String(m).padStart(2, '0')} 分` : `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0)
    return zh
      ? `${m} 分 ${String(s % 60).padStart(2, '0')} 秒`
      : `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return zh ? `${s} 秒` : `${s} s`;
}

export function LevelTag({ level }: { level: OpinionLevel }) {
  const { t } = useI18n();
  return <Tag color={LEVEL_COLORS[level]}>{t(`opinion.levels.${level}` as MessageKey)}</Tag>;
}

export function CategoryTag({ category }: { category: OpinionCategory | null }) {
  const { t } = useI18n();
  return category ? <Tag>{t(`opinion.categories.${category}` as MessageKey)}</Tag> : null;
}

/** A reason's label; reasons the console does not know (an aspect, a score) show as they are. */
export function useReasonLabel() {
  const { t } = useI18n();
  return (r: string) => {
    const key = `opinion.reasons.${r}` as MessageKey;
    const label = t(key);
    return label === key ? r : label;
  };
}

export function slaBand(sla: Pick<SlaView, 'startedAt' | 'dueAt' | 'stoppedAt'>, now: number) {
  if (sla.stoppedAt) return 'done' as const;
  const start = new Date(sla.startedAt).getTime();
  const due = new Date(sla.dueAt).getTime();
  const used = (now - start) / (due - start);
  return used >= 0.8 ? ('red' as const) : used >= 0.5 ? ('amber' as const) : ('green' as const);
}

/** The countdown of an incident's clock, coloured by how much of it is used. */
export function SlaCountdown({ sla, now }: { sla: SlaView | null; now: number }) {
  const { t, lang } = useI18n();
  if (!sla) return <Tag data-testid="sla">{t('opinion.sla.none')}</Tag>;
  const clock = t(`opinion.clock.${sla.clock}` as MessageKey);
  const due = new Date(sla.dueAt).getTime();
  if (sla.stoppedAt) {
    const met = new Date(sla.stoppedAt).getTime() <= due && !sla.breachedAt;
    return (
      <Tag color={met ? 'success' : 'error'} data-testid="sla" data-band="done">
        {t(met ? 'opinion.sla.met' : 'opinion.sla.missed', { clock })}
      </Tag>
    );
  }
  const band = slaBand(sla, now);
  const left = due - now;
  return (
    <Tooltip
      title={`${Math.round(((now - new Date(sla.startedAt).getTime()) / (due - new Date(sla.startedAt).getTime())) * 100)}%`}
    >
      <Tag
        data-testid="sla"
        data-band={band}
        style={{
          background: SLA_HEX[band],
          color: '#fff',
          borderColor: SLA_HEX[band],
          fontVariantNumeric: 'tabular-nums',
        }}
      >
        {left >= 0
          ? t('opinion.sla.left', { clock, t: span(left, lang) })
          : t('opinion.sla.over', { clock, t: span(-left, lang) })}
      </Tag>
    </Tooltip>
  );
}

/**
 * A message's text with the spans behind its reasons marked. Built from text nodes only: a message
 * is never rendered as HTML, whatever markup it carries.
 */
export function EvidenceText({
  text,
  evidence,
  max = 2_000,
}: {
  text: string;
  evidence: TriageEvidence[];
  max?: number;
}) {
  const label = useReasonLabel();
  const shown = text.length > max ? text.slice(0, max) : text;
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [i, e] of [...evidence].sort((a, b) => a.start - b.start).entries()) {
    if (e.start < at || e.start >= shown.length) continue;
    if (e.start > at) parts.push(shown.slice(at, e.start));
    const end = Math.min(e.end, shown.length);
    parts.push(
      <Tooltip key={i} title={label(e.reason)}>
        <mark data-testid="evidence" style={{ background: '#fff1b8', padding: '0 1px', borderRadius: 2 }}>
          {shown.slice(e.start, end)}
        </mark>
      </Tooltip>,
    );
    at = end;
  }
  parts.push(shown.slice(at));
  if (shown.length < text.length) parts.push(`… (+${(text.length - shown.length).toLocaleString()})`);
  return <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{parts}</span>;
}
