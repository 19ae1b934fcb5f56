import type { RuleNode, RuleVocabulary } from '@linli/contracts/insight';
import type { Lang, MessageKey, Translate } from '../../app/i18n.tsx';
import { childrenOf, groupMode, isEvent, isField, isGroup, isNot, type Field } from './model.ts';
import { formatValue } from './units.ts';

/** Rules in words, for the tag detail page and the editor's summary line. */

export interface DescribeContext {
  vocab: RuleVocabulary | undefined;
  lang: Lang;
  t: Translate;
  tagName?: (key: string) => string | undefined;
}

const SYMBOLS: Record<string, string> = { '=': '=', '!=': '≠', '>': '>', '>=': '≥', '<': '<', '<=': '≤' };

export function label(x: { labelZh: string; labelEn: string }, lang: Lang): string {
  return lang === 'zh-CN' ? x.labelZh : x.labelEn || x.labelZh;
}

export function opLabel(op: string, t: Translate): string {
  if (op in SYMBOLS) return SYMBOLS[op]!;
  return t(`rules.ops.${op}` as MessageKey);
}

/** A field's label, and for a map field the key's name: `近90天品类消费占比 · 蔬菜`. */
export function fieldLabel(name: string, key: string | undefined, ctx: DescribeContext): string {
  const field = ctx.vocab?.fields.find((f) => f.name === name);
  const base = field ? label(field, ctx.lang) : name;
  if (key === undefined) return base;
  const opt = field?.options?.find((o) => o.value === key);
  return `${base} · ${opt ? label(opt, ctx.lang) : key}`;
}

function valueText(v: unknown, field: Field | undefined, ctx: DescribeContext): string {
  const opt = field?.options?.find((o) => o.value === v);
  if (opt && field?.type === 'text') return label(opt, ctx.lang);
  return formatValue(v, field?.unit, ctx.t);
}

function comparison(op: string, value: unknown, show: (v: unknown) => string, ctx: DescribeContext) {
  const { t } = ctx;
  if (op === 'is_null' || op === 'not_null') return opLabel(op, t);
  if (op === 'between' && Array.isArray(value))
    return `${opLabel(op, t)} ${show(value[0])} ~ ${show(value[1])}`;
  if (Array.isArray(value)) return `${opLabel(op, t)} {${value.map(show).join(', ')}}`;
  return `${opLabel(op, t)} ${show(value)}`;
}

export function describeLeaf(node: RuleNode, ctx: DescribeContext): string {
  const { t, lang, vocab } = ctx;
  if (isField(node)) {
    const field = vocab?.fields.find((f) => f.name === node.field);
    const show = (v: unknown) =>
      field?.type === 'map' ? formatValue(v, field.unit, t) : valueText(v, field, ctx);
    return `${fieldLabel(node.field, node.key, ctx)} ${comparison(node.op, node.value, show, ctx)}`;
  }
  if (isEvent(node)) {
    const ev = vocab?.events.find((e) => e.type === node.event);
    const name = ev ? label(ev, lang) : node.event;
    const head = t('rules.eventPhrase', { days: node.windowDays, event: name });
    return `${head} ${comparison(node.op, node.value, (v) => formatValue(v, undefined, t), ctx)}`;
  }
  if ('tag' in node) {
    const name = ctx.tagName?.(node.tag) ?? node.tag;
    return t(node.has ? 'rules.hasTag' : 'rules.lacksTag', { tag: name });
  }
  return '';
}

/** The whole rule in one line; nested groups in brackets. */
export function describeRule(rule: RuleNode, ctx: DescribeContext, nested = false): string {
  if (isGroup(rule)) {
    const parts = childrenOf(rule).map((c) => describeRule(c, ctx, true));
    const joined = parts.join(groupMode(rule) === 'all' ? ctx.t('rules.andJoin') : ctx.t('rules.orJoin'));
    return nested && parts.length > 1 ? `(${joined})` : joined;
  }
  if (isNot(rule)) return ctx.t('rules.notPhrase', { rule: describeRule(rule.not, ctx, true) });
  return describeLeaf(rule, ctx);
}

/**
 * A value the rule reads, by the name the server gives it in reasons and histograms: a field
 * (`orders_30d`), a map field at a key (`category_share_90d.veg`) or an event count (`share_30d`).
 */
export function valueName(name: string, ctx: DescribeContext): { label: string; unit?: Field['unit'] } {
  const { vocab, lang, t } = ctx;
  const direct = vocab?.fields.find((f) => f.name === name);
  if (direct) return { label: label(direct, lang), unit: direct.unit };
  const dot = name.indexOf('.');
  if (dot > 0) {
    const field = vocab?.fields.find((f) => f.name === name.slice(0, dot));
    if (field) return { label: fieldLabel(field.name, name.slice(dot + 1), ctx), unit: field.unit };
  }
  const m = /^(.+)_(\d+)d$/.exec(name);
  const ev = m && vocab?.events.find((e) => e.type === m[1]);
  if (m && ev) return { label: t('rules.eventPhrase', { days: m[2]!, event: label(ev, lang) }) };
  return { label: name };
}

/** `近30天订单数 5，近90天客单价 ¥32.50`: why a member has a tag. */
export function describeReason(reason: Record<string, unknown> | undefined, ctx: DescribeContext): string {
  if (!reason) return '';
  return Object.entries(reason)
    .map(([k, v]) => {
      const { label: l, unit } = valueName(k, ctx);
      return `${l} ${formatValue(v, unit, ctx.t)}`;
    })
    .join(ctx.lang === 'zh-CN' ? '，' : ', ');
}
