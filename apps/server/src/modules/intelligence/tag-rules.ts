import type { EventCondition, FieldCondition, TagCondition, TagRule } from '@linli/contracts';
import { AppError } from '../../platform/errors.ts';
import { derivedId } from '../../platform/ids.ts';
import { sql, type SQL } from '../../platform/db/fragments.ts';
import { eventCount, FIELDS, mapValue, type FieldSpec } from './tag-fields.ts';

/** Turns tag rules into SQL over `members m LEFT JOIN member_features f`, and checks them first. */

export interface RuleProblem {
  /** where in the rule, e.g. `all.1.any.0` */
  path: string;
  reason: string;
  /** stable, for the console to say it in the operator's language */
  code: RuleProblemCode;
}

export type RuleProblemCode =
  | 'tag_in_tag'
  | 'unknown_tag'
  | 'unknown_field'
  | 'key_missing'
  | 'no_value_expected'
  | 'range_invalid'
  | 'list_invalid'
  | 'one_value_expected'
  | 'number_expected'
  | 'bool_expected'
  | 'text_expected'
  | 'unknown_community';

/** Rejects with every problem named by its place, e.g. "The rule has 2 problem(s): …". */
export function throwProblems(problems: RuleProblem[], code: string, what: string): void {
  if (problems.length)
    throw new AppError(
      'invalid',
      code,
      `The ${what} has ${problems.length} problem(s): ${problems.map((p) => `${p.path}: ${p.reason}`).join('; ')}`,
      problems,
    );
}

const isEvent = (r: TagRule): r is EventCondition => 'event' in r;
const isField = (r: TagRule): r is FieldCondition => 'field' in r;
const isTag = (r: TagRule): r is TagCondition => 'tag' in r;

export interface CheckOptions {
  /** tag conditions are allowed (segments); these tag keys exist */
  tags?: ReadonlySet<string>;
}

/** Every problem in a rule, each with its place: unknown fields, comparisons that cannot apply. */
export function checkRule(rule: TagRule, path = 'rule', o: CheckOptions = {}): RuleProblem[] {
  if ('all' in rule) return rule.all.flatMap((r, i) => checkRule(r, `${path}.all.${i}`, o));
  if ('any' in rule) return rule.any.flatMap((r, i) => checkRule(r, `${path}.any.${i}`, o));
  if ('not' in rule) return checkRule(rule.not, `${path}.not`, o);
  if (isTag(rule)) {
    if (!o.tags)
      return [
        { path, code: 'tag_in_tag', reason: 'a tag rule cannot test other tags; build a segment for that' },
      ];
    return o.tags.has(rule.tag)
      ? []
      : [{ path, code: 'unknown_tag', reason: `unknown tag ${JSON.stringify(rule.tag)}` }];
  }
  if (isEvent(rule)) return checkValue(rule.op, rule.value, 'number', path);
  const spec = FIELDS[rule.field];
  if (!spec)
    return [
      {
        path,
        code: 'unknown_field',
        reason: `unknown field ${JSON.stringify(rule.field)}; known: ${Object.keys(FIELDS).join(', ')}`,
      },
    ];
  if (spec.type === 'map' && !rule.key)
    return [{ path, code: 'key_missing', reason: `${rule.field} needs a key (e.g. a category code)` }];
  return checkValue(rule.op, rule.value, spec.type === 'map' ? 'number' : spec.type, path);
}

function checkValue(op: string, value: unknown, type: FieldSpec['type'], path: string): RuleProblem[] {
  const problem = (code: RuleProblemCode, reason: string): RuleProblem[] => [{ path, code, reason }];
  if (op === 'is_null' || op === 'not_null')
    return value === undefined ? [] : problem('no_value_expected', `${op} takes no value`);
  if (op === 'between') {
    if (!Array.isArray(value) || value.length !== 2 || value.some((v) => typeof v !== 'number'))
      return problem('range_invalid', 'between needs [low, high] numbers');
    return value[0] <= value[1] ? [] : problem('range_invalid', 'between needs low ≤ high');
  }
  if (op === 'in' || op === 'not_in') {
    if (!Array.isArray(value) || value.length === 0)
      return problem('list_invalid', `${op} needs a non-empty list`);
    return value.every(
      (v) => typeof v === (type === 'number' ? 'number' : type === 'bool' ? 'boolean' : 'string'),
    )
      ? []
      : problem('list_invalid', `${op} list items must be ${type === 'bool' ? 'boolean' : type}s`);
  }
  if (Array.isArray(value) || value === undefined)
    return problem('one_value_expected', `${op} needs one value`);
  if (type === 'number' && typeof value !== 'number')
    return problem('number_expected', `${op} compares numbers; got ${JSON.stringify(value)}`);
  if (type === 'bool' && (typeof value !== 'boolean' || !['=', '!='].includes(op)))
    return problem('bool_expected', 'a yes/no field takes = or != with true or false');
  if (type === 'text' && (typeof value !== 'string' || !['=', '!='].includes(op)))
    return problem('text_expected', 'a text field takes =, !=, in or not_in with text');
  return [];
}

function compare(expr: SQL, op: string, value: unknown): SQL {
  switch (op) {
    case 'is_null':
      return sql`(${expr}) IS NULL`;
    case 'not_null':
      return sql`(${expr}) IS NOT NULL`;
    case 'between': {
      const [lo, hi] = value as [number, number];
      return sql`(${expr}) BETWEEN ${lo} AND ${hi}`;
    }
    case 'in':
      return sql`(${expr}) = ANY(${sql.param(value)})`;
    case 'not_in':
      return sql`NOT ((${expr}) = ANY(${sql.param(value)}))`;
    default:
      return sql`(${expr}) ${sql.raw(op === '!=' ? '<>' : op)} ${value}`;
  }
}

/** The SQL value a leaf condition looks at, named for the reason a tag applies. */
function leafValue(
  rule: FieldCondition | EventCondition | TagCondition,
  now: Date,
): { name: string; expr: SQL } {
  if (isTag(rule))
    return {
      name: `tag:${rule.tag}`,
      expr: sql`EXISTS (SELECT 1 FROM member_tags mt WHERE mt.tag_id = ${derivedId('tag', rule.tag)} AND mt.member_id = m.id)`,
    };
  if (isEvent(rule))
    return { name: `${rule.event}_${rule.windowDays}d`, expr: eventCount(rule.event, rule.windowDays) };
  const spec = FIELDS[rule.field]!;
  if (spec.type === 'map') return { name: `${rule.field}.${rule.key}`, expr: mapValue(spec, rule.key!, now) };
  return { name: rule.field, expr: spec.sql(now) };
}

/** A condition that is true or false, never unknown, so NOT behaves as people expect. */
export function compileRule(rule: TagRule, now: Date): SQL {
  if ('all' in rule)
    return sql`(${sql.join(
      rule.all.map((r) => compileRule(r, now)),
      sql` AND `,
    )})`;
  if ('any' in rule)
    return sql`(${sql.join(
      rule.any.map((r) => compileRule(r, now)),
      sql` OR `,
    )})`;
  if ('not' in rule) return sql`(NOT ${compileRule(rule.not, now)})`;
  const { expr } = leafValue(rule, now);
  if (isTag(rule)) return rule.has ? expr : sql`(NOT ${expr})`;
  const typed = isField(rule) && FIELDS[rule.field]?.type === 'bool' ? sql`(${expr})::boolean` : expr;
  return sql`coalesce(${compare(typed, rule.op, rule.value)}, false)`;
}

/** The values of every field the rule reads, as a jsonb object: why a member has the tag. */
export function reasonOf(rule: TagRule, now: Date): SQL {
  const leaves = new Map<string, SQL>();
  const visit = (r: TagRule) => {
    if ('all' in r) r.all.forEach(visit);
    else if ('any' in r) r.any.forEach(visit);
    else if ('not' in r) visit(r.not);
    else {
      const { name, expr } = leafValue(r, now);
      leaves.set(name, expr);
    }
  };
  visit(rule);
  const pairs = [...leaves].flatMap(([name, expr]) => [sql`${name}::text`, expr]);
  return sql`jsonb_build_object(${sql.join(pairs, sql`, `)})`;
}
