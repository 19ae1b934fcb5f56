import type { RuleNode, SegmentInput, SegmentView } from '@linli/contracts/insight';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Select, Slider, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useCommunities } from '../overview/OverviewPage.tsx';
import { problemsOf, type RuleProblem } from '../rules/model.ts';
import { RuleEditor } from '../rules/RuleEditor.tsx';
import { saveSegment } from './api.ts';

interface Values {
  key: string;
  name: string;
  description: string;
  communityIds: string[];
  /** percent, 0…50 */
  holdoutPct: number;
}

const KEY = /^[a-z][a-z0-9_]{1,63}$/;
const FIRST_RULE: RuleNode = { all: [{ field: 'orders_30d', op: '>=', value: 1 }] };

/** Create a segment or change one: who is in it (rule, communities) and how many are held out. */
export function SegmentForm({ segment, onDone }: { segment?: SegmentView; onDone?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const communities = useCommunities();
  const [form] = Form.useForm<Values>();
  const [rule, setRule] = useState<RuleNode>(segment?.rule ?? FIRST_RULE);
  const [problems, setProblems] = useState<RuleProblem[]>([]);
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const watched = Form.useWatch('communityIds', form);
  const communityIds = useMemo(() => (watched?.length ? watched : null), [watched]);
  const previewExtra = useMemo(() => ({ communityIds }), [communityIds]);

  const refused = (err: unknown) => {
    if (!(err instanceof ApiError)) return setFailure(err instanceof Error ? err.message : String(err));
    if (err.status === 403) return setFailure(t('segments.forbidden'));
    if (err.status === 409) return form.setFields([{ name: 'key', errors: [t('segments.keyTaken')] }]);
    const all = problemsOf(err.details);
    const onRule = all.filter((p) => p.path === '' || /^(body\.)?rule\b/.test(p.path));
    const onForm = all.filter((p) => !onRule.includes(p));
    if (onRule.length) setProblems(onRule);
    if (onForm.length)
      form.setFields(
        onForm.map((p) => {
          const field = p.path.replace(/^body\./, '').split('.')[0];
          return {
            name: (field === 'holdoutShare' ? 'holdoutPct' : field) as keyof Values,
            errors: [p.reason],
          };
        }),
      );
    if (!all.length) setFailure(err.message);
  };

  const save = async (v: Values) => {
    setBusy(true);
    setFailure(undefined);
    setProblems([]);
    const input: SegmentInput = {
      key: segment?.key ?? v.key,
      name: v.name,
      description: v.description ?? '',
      rule,
      communityIds: v.communityIds?.length ? v.communityIds : null,
      holdoutShare: Math.round(v.holdoutPct) / 100,
    };
    try {
      const saved = await saveSegment(input, segment !== undefined);
      message.success(t('segments.saved', { name: saved?.name ?? input.name }));
      await client.invalidateQueries({ queryKey: ['segments'] });
      await client.invalidateQueries({ queryKey: [`segment-members-${input.key}`] });
      if (segment) onDone?.();
      else navigate(`/segments/${encodeURIComponent(input.key)}`, { replace: true });
    } catch (err) {
      refused(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={save}
      onFinishFailed={() => setFailure(t('segments.invalid'))}
      initialValues={{
        key: segment?.key ?? '',
        name: segment?.name ?? '',
        description: segment?.description ?? '',
        communityIds: segment?.communityIds ?? [],
        holdoutPct: Math.round((segment?.holdoutShare ?? 0.1) * 100),
      }}
      data-testid="segment-form"
    >
      <Card title={segment ? t('segments.editTitle') : t('segments.newTitle')}>
        <Row gutter={24}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('segments.name')}
              rules={[{ required: true, max: 60, message: t('segments.required') }]}
            >
              <Input placeholder="近30天高频买家" data-testid="segment-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="key"
              label={t('segments.key')}
              extra={segment ? undefined : t('segments.keyHelp')}
              rules={[{ required: true, pattern: KEY, message: t('segments.keyInvalid') }]}
            >
              <Input
                disabled={segment !== undefined}
                placeholder="frequent_buyers"
                data-testid="segment-key"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('segments.description')} rules={[{ max: 400 }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} data-testid="segment-description" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="communityIds"
              label={t('segments.communities')}
              extra={t('segments.communitiesHelp')}
            >
              <Select
                mode="multiple"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('segments.allCommunities')}
                loading={communities.isPending}
                options={(communities.data?.items ?? []).map((c) => ({
                  value: c.id,
                  label: `${c.name}（${c.district}）`,
                }))}
                data-testid="segment-communities"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="holdoutPct" label={t('segments.holdoutShare')} extra={t('segments.holdoutHelp')}>
              <Slider
                min={0}
                max={50}
                step={1}
                marks={{ 0: '0%', 10: '10%', 20: '20%', 30: '30%', 50: '50%' }}
                tooltip={{ formatter: (v) => `${v}%` }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('segments.rule')}</Typography.Title>
        <RuleEditor
          value={rule}
          onChange={(r) => {
            setRule(r);
            setProblems([]);
          }}
          previewPath="/api/v1/segments/preview"
          previewExtra={previewExtra}
          allowTags
          problems={problems}
        />
        {failure && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 16 }}
            title={failure}
            data-testid="segment-save-error"
          />
        )}
        <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
          <Button onClick={() => (segment ? onDone?.() : navigate('/segments'))}>
            {t('segments.cancel')}
          </Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="segment-save">
            {t('segments.save')}
          </Button>
        </Flex>
      </Card>
    </Form>
  );
}
