import { reasonInChinese } from '../../locales/reasons.ts';
import type { RuleNode, RuleVocabulary } from '@linli/contracts/insight';

/** The rule tree as the editor sees it: groups, negations and three kinds of leaves. */

export type GroupNode = { all: RuleNode[] } | { any: RuleNode[] };
export type FieldLeaf = Extract<RuleNode, { field: string }>;
export type EventLeaf = Extract<RuleNode, { event: string }>;
export type TagLeaf = Extract<RuleNode, { tag: string }>;
export type Leaf = FieldLeaf | EventLeaf | TagLeaf;
export type Field = RuleVocabulary['fields'][number];
export type FieldType = Field['type'];
export type Unit = NonNullable<Field['unit']>;
export type Scalar = number | string | boolean;

export const isGroup = (n: RuleNode): n is GroupNode => 'all' in n || 'any' in n;
export const isNot = (n: RuleNode): n is { not: RuleNode } => 'not' in n;
export const isField = (n: RuleNode): n is FieldLeaf => 'field' in n;
export const isEvent = (n: RuleNode): n is EventLeaf => 'event' in n;
export const isTag = (n: RuleNode): n is TagLeaf => 'tag' in n;

export const groupMode = (g: GroupNode): 'all' | 'any' => ('all' in g ? 'all' : 'any');
export const childrenOf = (g: GroupNode): RuleNode[] => ('all' in g ? g.all : g.any);
export const makeGroup = (mode: 'all' | 'any', children: RuleNode[]): GroupNode =>
  mode === 'all' ? { all: children } : { any: children };

/** The editor always shows a group at the top; a bare condition is shown as a group of one. */
export function asRoot(rule: RuleNode): GroupNode {
  return isGroup(rule) ? rule : { all: [rule] };
}

/** Comparators that take no value, one value, two or a list. */
export const NO_VALUE = new Set(['is_null', 'not_null']);
export const LIST_OPS = new Set(['in', 'not_in']);
/** what an event condition accepts (the server's event schema) */
export const EVENT_OPS = ['=', '!=', '>', '>=', '<', '<=', 'between'];

/** A sensible first value when an operator picks a field or a comparator. */
export function defaultValue(field: Field | undefined, op: string): FieldLeaf['value'] {
  if (NO_VALUE.has(op)) return undefined;
  const type = field?.type ?? 'number';
  const first = field?.options?.[0]?.value;
  if (type === 'bool') return LIST_OPS.has(op) ? [true] : true;
  if (type === 'text') return LIST_OPS.has(op) ? (first ? [first] : []) : (first ?? '');
  if (op === 'between') return field?.unit === 'share' ? [0.1, 0.5] : [1, 10];
  if (LIST_OPS.has(op)) return [];
  if (field?.unit === 'share') return 0.3;
  if (field?.unit === 'fen') return 10000;
  return 1;
}

export function defaultOp(vocab: RuleVocabulary, type: FieldType): string {
  const ops = vocab.comparators[type] ?? [];
  if (type === 'number' || type === 'map') return ops.includes('>=') ? '>=' : (ops[0] ?? '>=');
  return ops.includes('=') ? '=' : (ops[0] ?? '=');
}

export function fieldLeaf(vocab: RuleVocabulary, name?: string): FieldLeaf {
  const field =
    vocab.fields.find((f) => f.name === name) ??
    vocab.fields.find((f) => f.name === 'orders_30d') ??
    vocab.fields[0];
  const op = defaultOp(vocab, field?.type ?? 'number');
  const leaf: FieldLeaf = { field: field?.name ?? '', op, value: defaultValue(field, op) };
  if (field?.type === 'map') leaf.key = field.options?.[0]?.value ?? '';
  return leaf;
}

export function eventLeaf(vocab: RuleVocabulary): EventLeaf {
  return {
    event: vocab.events[0]?.type ?? 'app_open',
    windowDays: vocab.windows.includes(30) ? 30 : (vocab.windows[0] ?? 30),
    op: '>=',
    value: 1,
  };
}

export function tagLeaf(tags: { key: string }[]): TagLeaf {
  return { tag: tags[0]?.key ?? '', has: true };
}

/** Something the server would refuse outright: an empty group or an unfinished leaf. */
export function incomplete(rule: RuleNode): boolean {
  if (isGroup(rule)) {
    const c = childrenOf(rule);
    return c.length === 0 || c.some(incomplete);
  }
  if (isNot(rule)) return incomplete(rule.not);
  if (isField(rule)) return !rule.field;
  if (isTag(rule)) return !rule.tag;
  return false;
}

/** The tag keys a rule refers to (segments). */
export function tagKeys(rule: RuleNode): string[] {
  if (isGroup(rule)) return childrenOf(rule).flatMap(tagKeys);
  if (isNot(rule)) return tagKeys(rule.not);
  return isTag(rule) ? [rule.tag] : [];
}

/** Server problems arrive as `{path, reason}` with paths like `rule.all.1.any.0`. */
export interface RuleProblem {
  path: string;
  reason: string;
  /** stable server code, e.g. `range_invalid`, said in Chinese by `reasonInChinese` */
  code?: string;
}

/** The problem in the operator's language: Chinese from its code, else the server's English. */
export function problemText(p: RuleProblem, lang: string): string {
  return (lang === 'zh-CN' && p.code && reasonInChinese(p.code)) || p.reason;
}

export function problemsOf(details: unknown): RuleProblem[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: unknown) => {
    if (!d || typeof d !== 'object') return [];
    const p = d as { path?: unknown; field?: unknown; reason?: unknown; message?: unknown; code?: unknown };
    const path = typeof p.path === 'string' ? p.path : typeof p.field === 'string' ? p.field : '';
    const reason = typeof p.reason === 'string' ? p.reason : typeof p.message === 'string' ? p.message : '';
    return reason ? [{ path, reason, ...(typeof p.code === 'string' ? { code: p.code } : {}) }] : [];
  });
}

/** `rule.all.1` and `all.1` name the same place: compare without the leading `rule.` */
export function samePath(a: string, b: string): boolean {
  const strip = (p: string) => p.replace(/^(body\.)?rule\.?/, '');
  return strip(a) === strip(b);
}
