import { Input, InputNumber, Segmented, Select, Space } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { label } from './describe.ts';
import { LIST_OPS, NO_VALUE, type Field, type Scalar } from './model.ts';
import { unitView } from './units.ts';

type Value = Scalar | Scalar[] | undefined;

/** One number in the field's unit (yuan for fen, % for shares, seconds for ms). */
function NumberBox({
  value,
  unit,
  integer,
  onChange,
  testId,
}: {
  value: unknown;
  unit: Field['unit'];
  integer?: boolean;
  onChange(v: number | undefined): void;
  testId?: string;
}) {
  const { t } = useI18n();
  const u = unitView(unit, t);
  const shown = typeof value === 'number' ? u.toView(value) : null;
  return (
    <InputNumber<number>
      value={shown}
      precision={integer ? 0 : undefined}
      step={unit === 'fen' ? 10 : 1}
      min={unit === 'share' ? 0 : undefined}
      max={unit === 'share' ? 100 : undefined}
      prefix={u.prefix}
      suffix={u.suffix}
      style={{ width: 140 }}
      onChange={(v) => onChange(typeof v === 'number' ? u.fromView(v) : undefined)}
      data-testid={testId ?? 'rule-value'}
    />
  );
}

/** The value input that fits the field's type and the comparator. */
export function ValueInput({
  field,
  op,
  value,
  integer,
  onChange,
}: {
  field: Pick<Field, 'type' | 'unit' | 'options'> | undefined;
  op: string;
  value: Value;
  integer?: boolean;
  onChange(v: Value): void;
}) {
  const { t, lang } = useI18n();
  if (NO_VALUE.has(op)) return null;
  const type = field?.type ?? 'number';
  const options = (field?.options ?? []).map((o) => ({ value: o.value, label: label(o, lang) }));
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];

  if (type === 'bool') {
    const yesNo = [
      { value: 'true', label: t('common.yes') },
      { value: 'false', label: t('common.no') },
    ];
    if (LIST_OPS.has(op))
      return (
        <Select
          mode="multiple"
          style={{ minWidth: 140 }}
          value={list.map(String)}
          onChange={(v: string[]) => onChange(v.map((x) => x === 'true'))}
          options={yesNo}
        />
      );
    return (
      <Segmented
        value={value === false ? 'false' : 'true'}
        onChange={(v) => onChange(v === 'true')}
        options={yesNo}
        data-testid="rule-bool"
      />
    );
  }

  if (type === 'text') {
    if (LIST_OPS.has(op))
      return (
        <Select
          mode={options.length ? 'multiple' : 'tags'}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 220, maxWidth: 420 }}
          value={list.map(String)}
          placeholder={t('rules.pickValues')}
          onChange={(v: string[]) => onChange(v)}
          options={options}
        />
      );
    if (!options.length)
      return (
        <Input
          style={{ width: 200 }}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    return (
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        style={{ minWidth: 180 }}
        value={typeof value === 'string' ? value : undefined}
        placeholder={t('rules.pickValue')}
        onChange={(v: string) => onChange(v)}
        options={options}
      />
    );
  }

  // numbers (and the numeric value at one key of a map field)
  const unit = field?.unit;
  if (op === 'between') {
    const [lo, hi] = list;
    const set = (i: 0 | 1, v: number | undefined) => {
      const next: Scalar[] = [typeof lo === 'number' ? lo : 0, typeof hi === 'number' ? hi : 0];
      if (v === undefined) return onChange(undefined);
      next[i] = v;
      onChange(next);
    };
    const bound = (i: 0 | 1) => (
      <NumberBox
        value={list[i]}
        unit={unit}
        integer={integer}
        onChange={(v) => set(i, v)}
        testId={i === 0 ? 'rule-value-low' : 'rule-value-high'}
      />
    );
    return (
      <Space.Compact>
        {bound(0)}
        <Input style={{ width: 36, textAlign: 'center', pointerEvents: 'none' }} placeholder="~" disabled />
        {bound(1)}
      </Space.Compact>
    );
  }
  if (LIST_OPS.has(op)) {
    const u = unitView(unit, t);
    return (
      <Select
        mode="tags"
        style={{ minWidth: 200 }}
        placeholder={t('rules.typeNumbers')}
        value={list.filter((v): v is number => typeof v === 'number').map((v) => String(u.toView(v)))}
        onChange={(v: string[]) =>
          onChange(
            v
              .map(Number)
              .filter((n) => Number.isFinite(n))
              .map((n) => u.fromView(n)),
          )
        }
        tokenSeparators={[',', '，', ' ']}
      />
    );
  }
  return (
    <NumberBox
      value={value}
      unit={unit}
      integer={integer}
      onChange={(v) => onChange(v)}
      testId="rule-value"
    />
  );
}
