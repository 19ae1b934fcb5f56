import { CheckCircleTwoTone, StopTwoTone } from '@ant-design/icons';
import { COMPLIANCE_CATEGORIES, type ComplianceItemDetail } from '@linli/contracts/compliance';
import {
  App,
  Button,
  Card,
  Col,
  Collapse,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { shanghaiTime } from '../../app/format.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { QueryState } from '../../app/states.tsx';
import { useItem, useItemAction, usePublishable, useStageUsers } from './api.ts';
import { HighlightedText, SlaBadge, StatusTag, useReasonLabel, VerdictTag } from './bits.tsx';
import { CopyEditor } from './CopyEditor.tsx';
import { DecisionCard, errorText, HitsCard, LegalBanner } from './ReviewPanels.tsx';

type Detail = ComplianceItemDetail;

function Header({ d }: { d: Detail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const action = useItemAction(d.item.id);
  const users = useStageUsers(d.item.stage);
  const guard = usePublishable(d.item.id, d.item.currentVersion);
  const i = d.item;
  return (
    <Card size="small">
      <Flex justify="space-between" wrap gap={12}>
        <Flex vertical gap={6}>
          <Flex gap={8} align="center" wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {i.title || i.id}
            </Typography.Title>
            <StatusTag status={i.status} />
            <Tag>v{i.currentVersion}</Tag>
            {i.stage && <SlaBadge startedAt={i.slaStartedAt} dueAt={i.dueAt} />}
          </Flex>
          <Typography.Text type="secondary">
            {t(`compliance.types.${i.type}`)} · {t(`compliance.channels.${i.channel}`)} ·{' '}
            {t('compliance.item.author')} {i.author} · {shanghaiTime(i.createdAt)} ·{' '}
            <Typography.Text copyable={{ text: i.id }}>{i.id}</Typography.Text>
          </Typography.Text>
          <Typography.Text data-testid="guard" data-publishable={String(guard.data?.publishable ?? '')}>
            {guard.data?.publishable ? (
              <>
                <CheckCircleTwoTone twoToneColor="#00a870" /> {t('compliance.item.publishable')}
              </>
            ) : guard.data ? (
              <>
                <StopTwoTone twoToneColor="#e34d59" /> {t('compliance.item.notPublishable')}
              </>
            ) : null}
          </Typography.Text>
        </Flex>
        <Flex gap={8} align="center" wrap>
          {i.stage && (
            <Typography.Text>
              {t(`compliance.stages.${i.stage}`)} · {i.assignee ?? t('compliance.queue.unassigned')}
            </Typography.Text>
          )}
          {d.can.claim && (
            <Button
              type="primary"
              data-testid="claim"
              onClick={() =>
                action.mutateAsync({ path: '/claim' }).catch((e: unknown) => message.error(errorText(e)))
              }
            >
              {t('compliance.item.claim')}
            </Button>
          )}
          {i.stage && (users.data?.items.length ?? 0) > 0 && (
            <Select
              style={{ width: 160 }}
              placeholder={t('compliance.item.assignTo')}
              value={null}
              onChange={(username: string) =>
                action
                  .mutateAsync({ path: '/assign', body: { username } })
                  .catch((e: unknown) => message.error(errorText(e)))
              }
              options={users.data!.items.map((u) => ({
                value: u.username,
                label: u.displayName || u.username,
              }))}
            />
          )}
          {d.can.recall && <RecallButton d={d} />}
        </Flex>
      </Flex>
    </Card>
  );
}

function RecallButton({ d }: { d: Detail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const action = useItemAction(d.item.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ category: string; reason: string }>();
  const save = async () => {
    const f = await form.validateFields();
    await action
      .mutateAsync({ path: '/recall', body: f })
      .then(() => setOpen(false))
      .catch((e: unknown) => message.error(errorText(e)));
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        {t('compliance.item.recall')}
      </Button>
      <Modal
        open={open}
        title={t('compliance.item.recall')}
        onOk={() => void save()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="category" label={t('compliance.item.missedCategory')} rules={[{ required: true }]}>
            <Select
              options={COMPLIANCE_CATEGORIES.map((c) => ({
                value: c,
                label: t(`compliance.categories.${c}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="reason" label={t('compliance.item.recallReason')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The author's edit: a new version, checked as one types, screened again when submitted. */
function EditCard({ d }: { d: Detail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const action = useItemAction(d.item.id);
  const [text, setText] = useState(d.versions[0]!.text);
  const save = () =>
    action
      .mutateAsync({ method: 'PUT', path: '/text', body: { text, baseVersion: d.item.currentVersion } })
      .then((r) => {
        message.success(`${t('compliance.item.saved')} · v${r.item.currentVersion}`);
        setText(r.versions[0]!.text);
      })
      .catch((e: unknown) => message.error(errorText(e)));
  return (
    <Card size="small" title={t('compliance.item.edit')} data-testid="edit-card">
      <Typography.Paragraph type="secondary">{t('compliance.item.editHint')}</Typography.Paragraph>
      <CopyEditor value={text} onChange={setText} testId="edit-editor" />
      <Button
        type="primary"
        style={{ marginTop: 12 }}
        data-testid="save-version"
        loading={action.isPending}
        disabled={text.trim() === '' || text === d.versions[0]!.text}
        onClick={() => void save()}
      >
        {t('compliance.item.saveVersion')}
      </Button>
    </Card>
  );
}

function TimelineCard({ d }: { d: Detail }) {
  const { t } = useI18n();
  const reason = useReasonLabel(d.checklist);
  const label = (kind: string) => {
    const [stage, decision] = kind.split('.');
    if (decision && ['screen', 'review', 'legal', 'recall'].includes(stage!))
      return decision === 'assigned'
        ? `${t(`compliance.stages.${stage}` as MessageKey)} · ${t('compliance.item.claim')}`
        : `${t(`compliance.stages.${stage}` as MessageKey)} · ${t(`compliance.decisions.${decision}` as MessageKey)}`;
    return t(`compliance.item.timelineKinds.${kind}` as MessageKey);
  };
  return (
    <Card size="small" title={t('compliance.item.timeline')} data-testid="timeline">
      <Timeline
        items={d.timeline.map((e) => ({
          color: e.kind.startsWith('sla.') ? 'red' : e.kind.endsWith('approve') ? 'green' : 'blue',
          children: (
            <Flex vertical>
              <span>
                {label(e.kind)} {e.version ? <Tag>v{e.version}</Tag> : null}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[
                  shanghaiTime(e.at),
                  e.actor,
                  e.reasons.map(reason).join('、'),
                  e.kind.startsWith('sla.') ? t(`compliance.stages.${e.detail}` as MessageKey) : e.detail,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            </Flex>
          ),
        }))}
      />
    </Card>
  );
}

function Versions({ d }: { d: Detail }) {
  const { t } = useI18n();
  return (
    <Collapse
      size="small"
      items={[
        {
          key: 'v',
          label: `${t('compliance.item.versions')} (${d.versions.length})`,
          children: (
            <Flex vertical gap={12}>
              {d.versions.map((v) => (
                <Descriptions
                  key={v.version}
                  size="small"
                  column={1}
                  title={
                    <Flex gap={8} align="center">
                      {t('compliance.item.version', { v: v.version })} <VerdictTag verdict={v.verdict} />
                      <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                        {v.createdBy} · {shanghaiTime(v.createdAt)}
                      </Typography.Text>
                    </Flex>
                  }
                  items={[
                    {
                      key: 't',
                      label: t('compliance.submit.text'),
                      children: <HighlightedText text={v.text} hits={v.hits} />,
                    },
                    {
                      key: 'p',
                      label: t('compliance.item.packs'),
                      children: <Typography.Text type="secondary">{v.packs}</Typography.Text>,
                    },
                  ]}
                />
              ))}
            </Flex>
          ),
        },
      ]}
    />
  );
}

/** The decision screen: the copy with its hits, verdicts, checklist, decision, history. */
export default function ItemPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const query = useItem(id);
  return (
    <QueryState query={query} notFound={t('compliance.item.notFound')}>
      {(d) => {
        const v = d.versions[0]!;
        const editable = d.can.edit && ['returned', 'recalled', 'review'].includes(d.item.status);
        return (
          <Flex vertical gap={16}>
            <Header d={d} />
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={15}>
                <Flex vertical gap={16}>
                  <Card
                    size="small"
                    title={`${t('compliance.item.current')} · v${v.version}`}
                    extra={<VerdictTag verdict={v.verdict} />}
                  >
                    <Typography.Paragraph style={{ fontSize: 15, lineHeight: 1.9, marginBottom: 0 }}>
                      <HighlightedText text={v.text} hits={v.hits} testId="current-text" />
                    </Typography.Paragraph>
                  </Card>
                  <HitsCard d={d} />
                  {editable && <EditCard key={v.version} d={d} />}
                  <Versions d={d} />
                </Flex>
              </Col>
              <Col xs={24} xl={9}>
                <Flex vertical gap={16}>
                  <LegalBanner d={d} />
                  {d.can.decide && <DecisionCard key={`${v.version}-${d.item.stage}`} d={d} />}
                  <TimelineCard d={d} />
                </Flex>
              </Col>
            </Row>
          </Flex>
        );
      }}
    </QueryState>
  );
}
