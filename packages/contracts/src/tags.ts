import { z } from 'zod';
import { EVENT_TYPES } from './ingest.ts';

/**
 * Tag rules as data: what operators build in the console and what the built-in catalogue is
 * written in. A rule is a tree of conditions over member attributes, rolling aggregates of their
 * orders, and counts of their events in a window.
 */

export const TAG_KINDS = ['base', 'behaviour', 'emotion', 'model'] as const;
export type TagKind = (typeof TAG_KINDS)[number];

export const COMPARATORS = [
  '=',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  'between',
  'in',
  'not_in',
  'is_null',
  'not_null',
] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const EVENT_WINDOWS = [7, 14, 30, 90] as const;

const scalar = z.union([z.number(), z.string(), z.boolean()]);

export const fieldCondition = z.object({
  field: z.string().min(1).max(80),
  /** for map-valued fields (category shares): which key */
  key: z.string().max(80).optional(),
  op: z.enum(COMPARATORS),
  value: z.union([scalar, z.array(scalar)]).optional(),
});

export const eventCondition = z.object({
  event: z.enum(EVENT_TYPES),
  windowDays: z.union([z.literal(7), z.literal(14), z.literal(30), z.literal(90)]),
  op: z.enum(['=', '!=', '>', '>=', '<', '<=', 'between']),
  value: z.union([z.number(), z.array(z.number())]),
});

/** Whether a member carries a tag (segments only: a tag cannot depend on another tag). */
export const tagCondition = z.object({
  tag: z.string().min(1).max(64),
  has: z.boolean(),
});

export type FieldCondition = z.infer<typeof fieldCondition>;
export type TagCondition = z.infer<typeof tagCondition>;
export type EventCondition = z.infer<typeof eventCondition>;
export type TagRule =
  { all: TagRule[] } | { any: TagRule[] } | { not: TagRule } | FieldCondition | EventCondition | TagCondition;

export const tagRule: z.ZodType<TagRule> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(tagRule).min(1).max(50) }).strict(),
    z.object({ any: z.array(tagRule).min(1).max(50) }).strict(),
    z.object({ not: tagRule }).strict(),
    fieldCondition.strict(),
    eventCondition.strict(),
    tagCondition.strict(),
  ]),
);

export const tagInput = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'lower-case letters, digits and _, starting with a letter'),
  kind: z.enum(TAG_KINDS),
  nameZh: z.string().min(1).max(40),
  nameEn: z.string().min(1).max(80),
  descriptionZh: z.string().max(400).default(''),
  descriptionEn: z.string().max(400).default(''),
  rule: tagRule,
  enabled: z.boolean().default(true),
});
export type TagInput = z.infer<typeof tagInput>;

/** A segment: members matching a rule (which may test tags), optionally within some communities. */
export const segmentInput = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,63}$/, 'lower-case letters, digits and _, starting with a letter')
    .refine((k) => k !== 'new', '"new" is reserved (the console\'s page for a new segment)'),
  name: z.string().min(1).max(60),
  description: z.string().max(400).default(''),
  rule: tagRule,
  communityIds: z.array(z.string().min(1)).min(1).max(500).nullable().default(null),
  /** share held out as a control group */
  holdoutShare: z.number().min(0).max(0.5).default(0),
});
export type SegmentInput = z.infer<typeof segmentInput>;
