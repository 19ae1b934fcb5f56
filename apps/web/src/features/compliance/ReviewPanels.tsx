import {
  CHECK_ANSWERS,
  COMPLIANCE_CATEGORIES,
  type CheckAnswer,
  type ComplianceHit,
  type ComplianceItemDetail,
} from '@linli/contracts/compliance';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { allowPhrase, useItemAction } from './api.ts';
import { CategoryTag, useReasonLabel } from './bits.tsx';

type Detail = ComplianceItemDetail;

/** An API refusal as one readable line: its message, or its per-field reasons. */
export function errorText(e: unknown): string {
  if (!(e instanceof ApiError)) return String(e);
  const details = Array.isArray(e.details) ? (e.details as Array<{ field?: string; reason?: string }>) : [];
  return details.length && e.code === 'compliance.cannot_approve'
    ? details.map((d) => `${d.field}: ${d.reason}`).join('；')
    : e.message;
}

/** The stage-1 hits of the current version, each confirmed or overruled by the reviewer. */
export function HitsCard({ d }: { d: Detail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const action = useItemAction(d.item.id);
  const v = d.versions[0]!;
  const canJudge = d.can.decide !== null;
  const judge = (h: ComplianceHit, verdict: 'confirmed' | 'overruled' | null) =>
    action
      .mutateAsync({
        method: 'PUT',
        path: '/verdicts',
        body: { version: v.version, verdicts: [{ hit: h.key, verdict }] },
      })
      .catch((e: unknown) => message.error(errorText(e)));
  const allow = async (h: ComplianceHit) => {
    try {
      const r = await allowPhrase(h.ruleId, h.term, d.item.id);
      message.success(t('compliance.dashboard.allowed', { rule: h.ruleId, v: r.version }));
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Card size="small" title={t('compliance.item.hits')} data-testid="hits-card">
      {v.hits.length === 0 ? (
        <Typography.Text type="secondary">{t('compliance.item.noHits')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={v.hits}
          renderItem={(h) => (
            <List.Item
              data-testid="hit-row"
              data-verdict={h.verdict ?? ''}
              actions={[
                canJudge ? (
                  <Radio.Group
                    key="v"
                    size="small"
                    optionType="button"
                    buttonStyle="solid"
                    value={h.verdict}
                    onChange={(e) => void judge(h, e.target.value as 'confirmed' | 'overruled')}
                    options={[
                      {
                        value: 'confirmed',
                        label: <span data-testid="hit-confirm">{t('compliance.item.confirm')}</span>,
                      },
                      {
                        value: 'overruled',
                        label: <span data-testid="hit-overrule">{t('compliance.item.overrule')}</span>,
                      },
                    ]}
                  />
                ) : h.verdict ? (
                  <Tag key="v">{t(`compliance.hitVerdicts.${h.verdict}`)}</Tag>
                ) : null,
                canJudge && h.verdict === 'overruled' ? (
                  <Popconfirm key="a" title={`${h.ruleId}：${h.term}`} onConfirm={() => void allow(h)}>
                    <Button size="small" type="link">
                      {t('compliance.dashboard.allow')}
                    </Button>
                  </Popconfirm>
                ) : null,
              ].filter(Boolean)}
            >
              <Flex vertical gap={2}>
                <span>
                  <CategoryTag category={h.category} />
                  <Typography.Text strong>{h.term}</Typography.Text>{' '}
                  <Typography.Text type={h.severity === 'block' ? 'danger' : 'warning'}>
                    {t(`compliance.severity.${h.severity}`)}
                  </Typography.Text>
                  {h.highRisk && (
                    <Tag color="red" style={{ marginInlineStart: 6 }}>
                      {t('compliance.queue.highRisk')}
                    </Tag>
                  )}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('compliance.hit.law')}：{h.law} · {t('compliance.hit.suggestion')}：{h.suggestion}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      <MissedMarks d={d} />
    </Card>
  );
}

function MissedMarks({ d }: { d: Detail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const action = useItemAction(d.item.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ category: string; term: string; note: string }>();
  const marks = d.missed.filter((m) => m.version === d.item.currentVersion);
  const save = async () => {
    const f = await form.validateFields();
    try {
      await action.mutateAsync({ path: '/missed', body: { version: d.item.currentVersion, ...f } });
      setOpen(false);
      form.resetFields();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Flex vertical gap={8} style={{ marginTop: 12 }}>
      {marks.length > 0 && (
        <div data-testid="missed-list">
          <Typography.Text type="secondary">{t('compliance.item.missedList')}：</Typography.Text>
          {marks.map((m) => (
            <Tag
              key={m.id}
              closable={d.can.decide !== null}
              onClose={(e) => {
                e.preventDefault();
                void action.mutateAsync({ method: 'DELETE', path: `/missed/${m.id}` });
              }}
            >
              {t(`compliance.categories.${m.category}`)} {m.term}
            </Tag>
          ))}
        </div>
      )}
      {d.can.decide && (
        <Button
          size="small"
          style={{ alignSelf: 'flex-start' }}
          data-testid="mark-missed"
          onClick={() => setOpen(true)}
        >
          {t('compliance.item.missed')}
        </Button>
      )}
      <Modal
        open={open}
        title={t('compliance.item.missedTitle')}
        onOk={() => void save()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ term: '', note: '' }}>
          <Form.Item name="category" label={t('compliance.item.missedCategory')} rules={[{ required: true }]}>
            <Select
              data-testid="missed-category"
              options={COMPLIANCE_CATEGORIES.map((c) => ({
                value: c,
                label: t(`compliance.categories.${c}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="term" label={t('compliance.item.missedTerm')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="note" label={t('compliance.item.missedNote')}>
            <Input.TextArea maxLength={2000} rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}

/** The checklist (stage 2) and the decision of the open stage with its reasons. */
export function DecisionCard({ d }: { d: Detail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const action = useItemAction(d.item.id);
  const stage = d.can.decide!;
  const [answers, setAnswers] = useState<Record<string, CheckAnswer>>({});
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [needsLegal, setNeedsLegal] = useState(false);
  const decide = async (decision: 'approve' | 'return' | 'reject') => {
    try {
      await action.mutateAsync({
        path: '/decisions',
        body: {
          version: d.item.currentVersion,
          stage,
          decision,
          reasons,
          comment,
          checklist: answers,
          needsLegal,
        },
      });
      message.success(t(`compliance.decisions.${decision}`));
    } catch (e) {
      message.error(errorText(e), 6);
    }
  };
  return (
    <Card size="small" title={t(`compliance.stages.${stage}`)} data-testid="decision-card">
      {stage === 'review' && (
        <Flex vertical gap={6} style={{ marginBottom: 12 }} data-testid="checklist">
          <Flex justify="space-between" align="center">
            <Typography.Text strong>{t('compliance.item.checklist')}</Typography.Text>
            <Button
              size="small"
              data-testid="checklist-all-ok"
              onClick={() => setAnswers(Object.fromEntries(d.checklist.map((c) => [c.key, 'ok' as const])))}
            >
              {t('compliance.answers.ok')} ✓
            </Button>
          </Flex>
          {d.checklist.map((c) => (
            <Flex key={c.key} justify="space-between" align="center" gap={8} wrap>
              <Typography.Text style={{ maxWidth: 230 }} title={c.law}>
                {c.category ? t(`compliance.categories.${c.category}` as MessageKey) : c.title}
                {c.highRisk && <Typography.Text type="danger"> *</Typography.Text>}
              </Typography.Text>
              <Radio.Group
                size="small"
                optionType="button"
                value={answers[c.key]}
                onChange={(e) => setAnswers({ ...answers, [c.key]: e.target.value as CheckAnswer })}
                options={CHECK_ANSWERS.map((a) => ({ value: a, label: t(`compliance.answers.${a}`) }))}
              />
            </Flex>
          ))}
        </Flex>
      )}
      <Flex vertical gap={8}>
        <Select
          mode="tags"
          placeholder={t('compliance.item.reasons')}
          value={reasons}
          onChange={setReasons}
          options={COMPLIANCE_CATEGORIES.map((c) => ({ value: c, label: t(`compliance.categories.${c}`) }))}
        />
        <Input.TextArea
          data-testid="decision-comment"
          rows={2}
          maxLength={4000}
          placeholder={t('compliance.item.comment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
        {stage === 'review' && (
          <Checkbox checked={needsLegal} onChange={(e) => setNeedsLegal(e.target.checked)}>
            {t('compliance.item.needsLegal')}
          </Checkbox>
        )}
        <Flex gap={8} wrap>
          <Button
            type="primary"
            data-testid="decide-approve"
            loading={action.isPending}
            onClick={() => void decide('approve')}
          >
            {t('compliance.item.approve')}
          </Button>
          <Button data-testid="decide-return" onClick={() => void decide('return')}>
            {t('compliance.item.return')}
          </Button>
          <Popconfirm title={t('compliance.item.reject')} onConfirm={() => void decide('reject')}>
            <Button danger data-testid="decide-reject">
              {t('compliance.item.reject')}
            </Button>
          </Popconfirm>
        </Flex>
      </Flex>
    </Card>
  );
}

export function LegalBanner({ d }: { d: Detail }) {
  const { t } = useI18n();
  const label = useReasonLabel(d.checklist);
  if (!['review', 'legal'].includes(d.item.status)) return null;
  return d.legal.required ? (
    <Alert
      type="warning"
      showIcon
      data-testid="legal-required"
      message={t('compliance.item.legalRequired')}
      description={d.legal.reasons.map(label).join('；')}
    />
  ) : (
    <Alert type="info" showIcon message={t('compliance.item.legalNotRequired')} />
  );
}
