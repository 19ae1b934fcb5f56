import type { RuleNode, TagSummary } from '@linli/contracts/insight';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Drawer, Flex, Form, Input, Row, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { problemsOf, type RuleProblem } from '../rules/model.ts';
import { RuleEditor } from '../rules/RuleEditor.tsx';
import { KINDS, tagName } from './shared.tsx';

/** The form's fields: a tag's own words and switches (the rule has its editor beside them). */
type TagForm = Pick<
  TagSummary,
  'key' | 'kind' | 'nameZh' | 'nameEn' | 'descriptionZh' | 'descriptionEn' | 'enabled'
>;

const KEY = /^[a-z][a-z0-9_]{1,63}$/;
const FIRST_RULE: RuleNode = { all: [{ field: 'orders_30d', op: '>=', value: 4 }] };

/** Where the server's per-field complaints go: a form field, or the rule. */
function fieldProblems(details: unknown): { field: string; reason: string }[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: { field?: unknown; path?: unknown; reason?: unknown }) =>
    typeof d?.reason === 'string' ? [{ field: String(d.field ?? d.path ?? ''), reason: d.reason }] : [],
  );
}

function TagFormBody({ tag, onDone }: { tag: TagSummary | undefined; onDone(key?: string): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<TagForm>();
  const [rule, setRule] = useState<RuleNode>(tag?.rule ?? FIRST_RULE);
  const [problems, setProblems] = useState<RuleProblem[]>([]);
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ruleChanged = tag !== undefined && JSON.stringify(rule) !== JSON.stringify(tag.rule);

  const refused = (err: unknown) => {
    if (!(err instanceof ApiError)) return setFailure(err instanceof Error ? err.message : String(err));
    if (err.status === 403) return setFailure(t('tags.forbidden'));
    if (err.code === 'tags.key_taken' || err.status === 409)
      return form.setFields([{ name: 'key', errors: [t('tags.keyTaken')] }]);
    if (err.code === 'tags.rule_invalid') return setProblems(problemsOf(err.details));
    const byField = fieldProblems(err.details);
    const onRule = byField.filter((p) => p.field.startsWith('rule') || p.field === '');
    const onForm = byField.filter((p) => !onRule.includes(p));
    if (onRule.length) setProblems(onRule.map((p) => ({ path: p.field, reason: p.reason })));
    if (onForm.length)
      form.setFields(
        onForm.map((p) => ({ name: p.field.split('.')[0] as keyof TagForm, errors: [p.reason] })),
      );
    if (!byField.length) setFailure(err.message);
  };

  const save = async (values: TagForm) => {
    setBusy(true);
    setFailure(undefined);
    setProblems([]);
    const body = { ...values, key: tag?.key ?? values.key, rule };
    try {
      const saved = tag
        ? await api<TagSummary>('PUT', `/api/v1/tags/${encodeURIComponent(tag.key)}`, body)
        : await api<TagSummary>('POST', '/api/v1/tags', body);
      message.success(t('tags.saved', { name: tagName(saved ?? body, lang) }));
      await client.invalidateQueries({ queryKey: ['tags'] });
      await client.invalidateQueries({ queryKey: ['tag', body.key] });
      onDone(body.key);
    } catch (err) {
      refused(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<TagForm>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={save}
      onFinishFailed={() => setFailure(t('tags.invalid'))}
      initialValues={
        tag ?? { kind: 'behaviour', enabled: true, descriptionZh: '', descriptionEn: '', key: '' }
      }
      data-testid="tag-form"
    >
      {tag?.builtin && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('tags.builtinNote', { next: tag.version + 1 })}
        />
      )}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="key"
            label={t('tags.key')}
            extra={tag ? undefined : t('tags.keyHelp')}
            rules={[{ required: true, pattern: KEY, message: t('tags.keyInvalid') }]}
          >
            <Input disabled={tag !== undefined} placeholder="weekend_buyer" data-testid="tag-key" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="kind" label={t('tags.kind')} rules={[{ required: true }]}>
            <Select
              options={KINDS.map((k) => ({ value: k, label: t(`tags.kinds.${k}`) }))}
              data-testid="tag-kind"
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="enabled" label={t('tags.enabled')} valuePropName="checked">
            <Switch data-testid="tag-enabled" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="nameZh"
            label={t('tags.nameZh')}
            rules={[{ required: true, max: 40, message: t('tags.required') }]}
          >
            <Input placeholder="周末采购党" data-testid="tag-name-zh" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="nameEn"
            label={t('tags.nameEn')}
            rules={[{ required: true, max: 80, message: t('tags.required') }]}
          >
            <Input placeholder="Weekend shopper" data-testid="tag-name-en" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="descriptionZh" label={t('tags.descriptionZh')} rules={[{ max: 400 }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="descriptionEn" label={t('tags.descriptionEn')} rules={[{ max: 400 }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('tags.rule')}
        {ruleChanged && (
          <Typography.Text type="warning" style={{ fontSize: 13, fontWeight: 'normal', marginLeft: 12 }}>
            {t('tags.ruleChanged', { next: tag.version + 1 })}
          </Typography.Text>
        )}
      </Typography.Title>
      <RuleEditor
        value={rule}
        onChange={(r) => {
          setRule(r);
          setProblems([]);
        }}
        previewPath="/api/v1/tags/preview"
        problems={problems}
      />
      {failure && (
        <Alert type="error" showIcon style={{ marginTop: 16 }} title={failure} data-testid="tag-save-error" />
      )}
      <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
        <Button onClick={() => onDone()}>{t('segments.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="tag-save">
          {t('tags.save')}
        </Button>
      </Flex>
    </Form>
  );
}

/** Create or change a tag in a drawer: names, kind, the rule with its live count. */
export function TagEditor({
  open,
  tag,
  onClose,
}: {
  open: boolean;
  /** the tag to change; none to create one */
  tag?: TagSummary;
  onClose(savedKey?: string): void;
}) {
  const { t, lang } = useI18n();
  return (
    <Drawer
      open={open}
      size={1000}
      title={tag ? t('tags.editorEdit', { name: tagName(tag, lang) }) : t('tags.editorCreate')}
      onClose={() => onClose()}
      destroyOnHidden
      data-testid="tag-editor"
    >
      {open && <TagFormBody key={tag?.key ?? 'new'} tag={tag} onDone={onClose} />}
    </Drawer>
  );
}
