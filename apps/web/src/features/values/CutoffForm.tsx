import { Form, InputNumber, Tooltip } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { RefitButton } from './RefitButton.tsx';
import type { Cutoffs } from './types.ts';

type Key = keyof Cutoffs;

/** Bounds in percent, inside the server's open intervals. */
const FIELDS: Array<{ key: Key; min: number; max: number; step: number }> = [
  { key: 'topShare', min: 0.5, max: 49, step: 0.5 },
  { key: 'churnPAlive', min: 1, max: 99, step: 5 },
  { key: 'highClvPercentile', min: 1, max: 99, step: 5 },
  { key: 'lowArpuPercentile', min: 1, max: 99, step: 5 },
];

/** Fractions to percent for the form, or back with `factor` 0.01. */
function scale(c: Cutoffs, factor: number): Cutoffs {
  const round = (v: number) => Math.round(v * factor * 10_000) / 10_000;
  return {
    topShare: round(c.topShare),
    churnPAlive: round(c.churnPAlive),
    highClvPercentile: round(c.highClvPercentile),
    lowArpuPercentile: round(c.lowArpuPercentile),
  };
}

/** The four cut-offs of the quadrant, in percent; "重新计算" refits the models with them. */
export function CutoffForm({ cutoffs }: { cutoffs: Cutoffs }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Cutoffs>();
  const body = () => ({ cutoffs: scale(form.getFieldsValue(), 0.01) });
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={scale(cutoffs, 100)}
      data-testid="cutoff-form"
      style={{ rowGap: 8 }}
    >
      {FIELDS.map((f) => (
        <Tooltip key={f.key} title={t(`values.cutoffHints.${f.key}`)}>
          <Form.Item name={f.key} label={t(`values.cutoffs.${f.key}`)} rules={[{ required: true }]}>
            <InputNumber min={f.min} max={f.max} step={f.step} suffix="%" style={{ width: 110 }} />
          </Form.Item>
        </Tooltip>
      ))}
      <Form.Item>
        <RefitButton
          path="/api/v1/values/fit"
          body={body}
          invalidate={['values', 'value-points', 'value-members']}
          label={t('values.recompute')}
          confirm={t('values.recomputeConfirm')}
          testId="values-refit"
        />
      </Form.Item>
    </Form>
  );
}
