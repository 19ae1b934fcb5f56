import type { RuleVocabulary } from '@linli/contracts/insight';
import { Segmented, Select, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { label, opLabel } from './describe.ts';
import {
  defaultValue,
  EVENT_OPS,
  LIST_OPS,
  NO_VALUE,
  type EventLeaf,
  type Field,
  type FieldLeaf,
  type Leaf,
  type TagLeaf,
} from './model.ts';
import { ValueInput } from './ValueInput.tsx';

export interface TagChoice {
  key: string;
  nameZh: string;
  nameEn: string;
  kind: string;
}

/** What a comparator expects: nothing, one value, a pair or a list. */
const arity = (op: string) =>
  NO_VALUE.has(op) ? 'none' : op === 'between' ? 'pair' : LIST_OPS.has(op) ? 'list' : 'one';

function FieldCondition({
  node,
  vocab,
  onChange,
}: {
  node: FieldLeaf;
  vocab: RuleVocabulary;
  onChange(n: FieldLeaf): void;
}) {
  const { t, lang } = useI18n();
  const field: Field | undefined = vocab.fields.find((f) => f.name === node.field);
  const ops = field ? (vocab.comparators[field.type] ?? []) : [];
  const pickField = (name: string) => {
    const next = vocab.fields.find((f) => f.name === name);
    if (!next) return;
    const allowed = vocab.comparators[next.type] ?? [];
    const op = allowed.includes(node.op) && next.type === field?.type ? node.op : (allowed[0] ?? '=');
    const keep = next.type === field?.type && next.unit === field?.unit && op === node.op;
    const leaf: FieldLeaf = { field: name, op, value: keep ? node.value : defaultValue(next, op) };
    if (next.type === 'map') leaf.key = next.options?.[0]?.value ?? '';
    if (leaf.value === undefined) delete leaf.value;
    onChange(leaf);
  };
  const pickOp = (op: string) => {
    const value = arity(op) === arity(node.op) ? node.value : defaultValue(field, op);
    const leaf: FieldLeaf = { ...node, op, value };
    if (value === undefined) delete leaf.value;
    onChange(leaf);
  };
  return (
    <>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 210 }}
        value={node.field || undefined}
        placeholder={t('rules.pickField')}
        onChange={pickField}
        options={vocab.fields.map((f) => ({ value: f.name, label: label(f, lang) }))}
        data-testid="rule-field"
      />
      {field?.type === 'map' && (
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 130 }}
          value={node.key || undefined}
          placeholder={t('rules.pickKey')}
          onChange={(key: string) => onChange({ ...node, key })}
          options={(field.options ?? []).map((o) => ({ value: o.value, label: label(o, lang) }))}
          data-testid="rule-key"
        />
      )}
      <Select
        style={{ width: 96 }}
        value={node.op}
        onChange={pickOp}
        options={ops.map((op) => ({ value: op, label: opLabel(op, t) }))}
        data-testid="rule-op"
      />
      <ValueInput
        field={field}
        op={node.op}
        value={node.value}
        onChange={(value) => {
          const leaf: FieldLeaf = { ...node, value };
          if (value === undefined) delete leaf.value;
          onChange(leaf);
        }}
      />
    </>
  );
}

function EventCondition({
  node,
  vocab,
  onChange,
}: {
  node: EventLeaf;
  vocab: RuleVocabulary;
  onChange(n: EventLeaf): void;
}) {
  const { t, lang } = useI18n();
  const ops = (vocab.comparators.number ?? EVENT_OPS).filter((op) => EVENT_OPS.includes(op));
  return (
    <>
      <Select
        style={{ width: 124 }}
        value={node.windowDays}
        onChange={(windowDays: number) => onChange({ ...node, windowDays })}
        options={vocab.windows.map((d) => ({ value: d, label: t('rules.lastDays', { n: d }) }))}
        data-testid="rule-window"
      />
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 160 }}
        value={node.event}
        onChange={(event: string) => onChange({ ...node, event })}
        options={vocab.events.map((e) => ({ value: e.type, label: label(e, lang) }))}
        data-testid="rule-event"
      />
      <Typography.Text type="secondary">{t('rules.times')}</Typography.Text>
      <Select
        style={{ width: 96 }}
        value={node.op}
        onChange={(op: string) =>
          onChange({ ...node, op, value: op === 'between' ? [1, 5] : node.op === 'between' ? 1 : node.value })
        }
        options={ops.map((op) => ({ value: op, label: opLabel(op, t) }))}
        data-testid="rule-op"
      />
      <ValueInput
        field={{ type: 'number' }}
        op={node.op}
        integer
        value={node.value}
        onChange={(v) => {
          const value = Array.isArray(v) ? v.map(Number) : typeof v === 'number' ? v : undefined;
          // an emptied box is sent as is, and the server's answer says what is missing
          onChange({ ...node, value: value as number });
        }}
      />
    </>
  );
}

function TagCondition({
  node,
  tags,
  onChange,
}: {
  node: TagLeaf;
  tags: TagChoice[];
  onChange(n: TagLeaf): void;
}) {
  const { t, lang } = useI18n();
  return (
    <>
      <Segmented
        value={node.has ? 'has' : 'lacks'}
        onChange={(v) => onChange({ ...node, has: v === 'has' })}
        options={[
          { value: 'has', label: t('rules.has') },
          { value: 'lacks', label: t('rules.lacks') },
        ]}
        data-testid="rule-has"
      />
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 240 }}
        value={node.tag || undefined}
        placeholder={t('rules.pickTag')}
        onChange={(tag: string) => onChange({ ...node, tag })}
        options={tags.map((x) => ({
          value: x.key,
          label: lang === 'zh-CN' ? x.nameZh : x.nameEn || x.nameZh,
        }))}
        data-testid="rule-tag"
      />
    </>
  );
}

/** One condition: a field comparison, an event count in a window, or (segments) a tag. */
export function RuleLeaf({
  node,
  vocab,
  tags,
  onChange,
}: {
  node: Leaf;
  vocab: RuleVocabulary;
  tags: TagChoice[];
  onChange(n: Leaf): void;
}) {
  if ('field' in node) return <FieldCondition node={node} vocab={vocab} onChange={onChange} />;
  if ('event' in node) return <EventCondition node={node} vocab={vocab} onChange={onChange} />;
  return <TagCondition node={node} tags={tags} onChange={onChange} />;
}
