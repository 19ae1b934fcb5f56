import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';

export const CONTENT_FIELDS = ['title', 'text', 'imageUrl', 'buttonLabel'] as const;
export type ContentField = (typeof CONTENT_FIELDS)[number];

export interface VariantValues {
  name: string;
  weight: number;
  title?: string;
  text?: string;
  imageUrl?: string;
  buttonLabel?: string;
}

export interface FactorValues {
  name: string;
  /** the content field every level of this factor sets */
  field: ContentField;
  levels: Array<{ key: string; value: string }>;
}

const TOKEN = /^[A-Za-z0-9_-]{1,32}$/;

/** Explicit variants: the first is the control; each with its weight and its content. */
export function VariantsEditor() {
  const { t } = useI18n();
  return (
    <Form.List name="variants">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((f, i) => (
            <Card
              key={f.key}
              size="small"
              title={
                i === 0 ? t('experiments.wizard.control') : t('experiments.wizard.variant', { n: i + 1 })
              }
              extra={
                fields.length > 2 && (
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                )
              }
            >
              <Flex gap={8} wrap>
                <Form.Item
                  name={[f.name, 'name']}
                  label={t('experiments.wizard.armName')}
                  rules={[{ required: true, pattern: TOKEN, message: t('experiments.wizard.tokenRule') }]}
                >
                  <Input style={{ width: 100 }} data-testid={`variant-name-${i}`} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'weight']}
                  label={t('experiments.wizard.weight')}
                  rules={[{ required: true }]}
                >
                  <InputNumber min={0.01} max={1000} style={{ width: 90 }} />
                </Form.Item>
                {CONTENT_FIELDS.map((c) => (
                  <Form.Item
                    key={c}
                    name={[f.name, c]}
                    label={t(`experiments.content.${c}`)}
                    rules={
                      c === 'imageUrl' ? [{ type: 'url', message: t('experiments.wizard.urlRule') }] : []
                    }
                  >
                    <Input
                      style={{ width: c === 'text' || c === 'imageUrl' ? 260 : 200 }}
                      data-testid={`variant-${c}-${i}`}
                    />
                  </Form.Item>
                ))}
              </Flex>
            </Card>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({ name: `V${fields.length + 1}`, weight: 1 })}
            data-testid="variant-add"
          >
            {t('experiments.wizard.addVariant')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

/** Factors (title × cover × button): each sets one content field, each level its own value. */
export function FactorsEditor() {
  const { t } = useI18n();
  return (
    <Form.List name="factors">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((f) => (
            <Card
              key={f.key}
              size="small"
              title={
                <Flex gap={8} align="center">
                  <Form.Item
                    name={[f.name, 'name']}
                    noStyle
                    rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,31}$/ }]}
                  >
                    <Input style={{ width: 120 }} placeholder="title" />
                  </Form.Item>
                  <Typography.Text type="secondary">{t('experiments.wizard.sets')}</Typography.Text>
                  <Form.Item name={[f.name, 'field']} noStyle>
                    <Select
                      style={{ width: 140 }}
                      options={CONTENT_FIELDS.map((c) => ({
                        value: c,
                        label: t(`experiments.content.${c}`),
                      }))}
                    />
                  </Form.Item>
                </Flex>
              }
              extra={
                fields.length > 1 && (
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                )
              }
            >
              <Form.List name={[f.name, 'levels']}>
                {(levels, lv) => (
                  <Flex vertical gap={4}>
                    {levels.map((l, j) => (
                      <Flex key={l.key} gap={8} align="center">
                        <Form.Item
                          name={[l.name, 'key']}
                          noStyle
                          rules={[{ required: true, pattern: TOKEN }]}
                        >
                          <Input style={{ width: 80 }} />
                        </Form.Item>
                        <Form.Item name={[l.name, 'value']} noStyle rules={[{ required: true }]}>
                          <Input
                            style={{ width: 320 }}
                            placeholder={j === 0 ? t('experiments.wizard.reference') : undefined}
                          />
                        </Form.Item>
                        {levels.length > 2 && (
                          <Button type="text" icon={<DeleteOutlined />} onClick={() => lv.remove(l.name)} />
                        )}
                      </Flex>
                    ))}
                    <Button
                      type="dashed"
                      size="small"
                      icon={<PlusOutlined />}
                      style={{ width: 160 }}
                      onClick={() => lv.add({ key: `L${levels.length + 1}`, value: '' })}
                    >
                      {t('experiments.wizard.addLevel')}
                    </Button>
                  </Flex>
                )}
              </Form.List>
            </Card>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              add({
                name: `f${fields.length + 1}`,
                field: 'text',
                levels: [
                  { key: 'L1', value: '' },
                  { key: 'L2', value: '' },
                ],
              })
            }
          >
            {t('experiments.wizard.addFactor')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

/** The API's shape of the design from the form's. */
export function designInput(v: {
  design: 'variants' | 'factorial';
  variants?: VariantValues[];
  factors?: FactorValues[];
}) {
  const content = (x: Partial<Record<ContentField, string>>) =>
    Object.fromEntries(CONTENT_FIELDS.filter((c) => x[c]).map((c) => [c, x[c]]));
  if (v.design === 'variants')
    return {
      variants: (v.variants ?? []).map((x) => ({ name: x.name, weight: x.weight, content: content(x) })),
    };
  return {
    factors: (v.factors ?? []).map((f) => ({
      name: f.name,
      levels: f.levels.map((l) => ({ key: l.key, label: l.value, content: { [f.field]: l.value } })),
    })),
  };
}
