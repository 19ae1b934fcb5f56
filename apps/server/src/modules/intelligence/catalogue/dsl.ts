import type { TagInput, TagRule } from '@linli/contracts';

/** Shorthands the built-in catalogue is written in. */
export type Def = [
  key: string,
  kind: TagInput['kind'],
  nameZh: string,
  nameEn: string,
  descriptionZh: string,
  rule: TagRule,
];

export const f = (field: string, op: string, value?: unknown): TagRule =>
  ({ field, op, ...(value === undefined ? {} : { value }) }) as TagRule;
export const ev = (
  event: string,
  windowDays: 7 | 14 | 30 | 90,
  op: string,
  value: number | number[],
): TagRule => ({ event, windowDays, op, value }) as TagRule;
export const share = (key: string, op: string, value: number): TagRule =>
  ({ field: 'category_share_90d', key, op, value }) as TagRule;
export const all = (...rules: TagRule[]): TagRule => ({ all: rules });
export const any = (...rules: TagRule[]): TagRule => ({ any: rules });
