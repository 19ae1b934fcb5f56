import type { PackProblemView, PackSummary } from '@linli/contracts/compliance';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Input, List, Row, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { useMe } from '../../app/auth.tsx';
import { shanghaiTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { QueryTable } from '../../app/QueryTable.tsx';
import { useSearchPatch } from '../../app/useSearchPatch.ts';
import { KEY, savePack, testPack, usePack, usePacks, type PackDetail } from './api.ts';
import { CategoryTag, HighlightedText, type Hit } from './bits.tsx';

function parse(json: string): { pack: unknown; error: string | null } {
  try {
    return { pack: JSON.parse(json) as unknown, error: null };
  } catch (e) {
    return { pack: null, error: (e as Error).message };
  }
}

function Problems({ problems }: { problems: PackProblemView[] }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      data-testid="pack-problems"
      message={t('compliance.packs.problems', { n: problems.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {problems.slice(0, 20).map((p, i) => (
            <li key={i}>
              <Typography.Text code>{[p.rule, p.path].filter(Boolean).join(' ')}</Typography.Text> {p.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** The editor of one pack: its JSON, the versions, a test box with the unsaved pack. */
function PackEditor({ id, canSave }: { id: string; canSave: boolean }) {
  const { t } = useI18n();
  const pack = usePack(id);
  return (
    <Card
      size="small"
      title={t('compliance.packs.editor', { id })}
      loading={pack.isPending}
      data-testid="pack-editor"
    >
      {/* a saved version reloads the form from the server's copy */}
      {pack.data && <PackForm key={pack.data.version} id={id} detail={pack.data} canSave={canSave} />}
    </Card>
  );
}

function PackForm({ id, detail, canSave }: { id: string; detail: PackDetail; canSave: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [json, setJson] = useState(() => JSON.stringify(detail.pack, null, 2));
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<PackProblemView[]>([]);
  const [sample, setSample] = useState('');
  const [trial, setTrial] = useState<{ text: string; hits: Hit[] } | null>(null);
  const parsed = parse(json);

  const save = async () => {
    if (parsed.error) return;
    try {
      const r = await savePack(id, parsed.pack, note);
      setProblems([]);
      setNote('');
      message.success(t('compliance.packs.saved', { v: r.version }));
      await client.invalidateQueries({ queryKey: [KEY] });
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details)) setProblems(e.details as PackProblemView[]);
      else message.error(String(e));
    }
  };
  const test = async () => {
    if (parsed.error) return;
    const r = await testPack(parsed.pack, sample);
    if (r.ok) {
      setProblems([]);
      setTrial({ text: sample, hits: r.result.violations });
    } else {
      setProblems(r.problems);
      setTrial(null);
    }
  };
  const rules = Array.isArray((parsed.pack as { rules?: unknown } | null)?.rules)
    ? (
        parsed.pack as {
          rules: Array<{ id?: string; severity?: string; patterns?: string[]; detector?: string }>;
        }
      ).rules
    : [];

  return (
    <Flex vertical gap={12}>
      <Table
        size="small"
        rowKey={(r, i) => r.id ?? String(i)}
        pagination={false}
        scroll={{ y: 180 }}
        dataSource={rules}
        columns={[
          { title: t('compliance.dashboard.rule'), dataIndex: 'id', width: 200 },
          {
            title: t('compliance.hit.severity'),
            dataIndex: 'severity',
            width: 80,
            render: (s: 'block' | 'review') => (
              <Tag color={s === 'block' ? 'red' : 'gold'}>{s ? t(`compliance.severity.${s}`) : '?'}</Tag>
            ),
          },
          {
            title: t('compliance.packs.patterns'),
            key: 'p',
            render: (_, r) => (
              <Typography.Text ellipsis style={{ maxWidth: 360 }}>
                {r.detector ? `detector: ${r.detector}` : (r.patterns ?? []).join(' | ')}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Typography.Text strong>{t('compliance.packs.json')}</Typography.Text>
      <Input.TextArea
        data-testid="pack-json"
        value={json}
        onChange={(e) => setJson(e.target.value)}
        autoSize={{ minRows: 10, maxRows: 24 }}
        spellCheck={false}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12 }}
      />
      {parsed.error && (
        <Alert type="error" showIcon message={t('compliance.packs.jsonInvalid', { msg: parsed.error })} />
      )}
      {problems.length > 0 && <Problems problems={problems} />}
      <Flex gap={8} wrap>
        <Input
          style={{ maxWidth: 360 }}
          placeholder={t('compliance.packs.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={500}
        />
        <Button
          type="primary"
          data-testid="pack-save"
          disabled={!canSave || Boolean(parsed.error)}
          onClick={() => void save()}
        >
          {t('compliance.packs.save')}
        </Button>
      </Flex>
      <Card size="small" type="inner" title={t('compliance.packs.test')}>
        <Flex vertical gap={8}>
          <Input.TextArea
            data-testid="pack-test-text"
            rows={2}
            placeholder={t('compliance.packs.testText')}
            value={sample}
            onChange={(e) => setSample(e.target.value)}
          />
          <Button
            data-testid="pack-test"
            style={{ alignSelf: 'flex-start' }}
            disabled={Boolean(parsed.error) || !sample}
            onClick={() => void test()}
          >
            {t('compliance.packs.testRun')}
          </Button>
          {trial && (
            <div data-testid="pack-test-result">
              {trial.hits.length === 0 ? (
                <Typography.Text type="secondary">{t('compliance.packs.testNone')}</Typography.Text>
              ) : (
                <HighlightedText text={trial.text} hits={trial.hits} />
              )}
            </div>
          )}
        </Flex>
      </Card>
      <List
        size="small"
        header={t('compliance.packs.versions')}
        dataSource={detail.versions}
        renderItem={(v) => (
          <List.Item>
            v{v.version} · {v.builtin ? t('compliance.packs.builtin') : v.createdBy} ·{' '}
            {shanghaiTime(v.createdAt)} <Typography.Text type="secondary">{v.note}</Typography.Text>
          </List.Item>
        )}
      />
    </Flex>
  );
}

/** 规则包: the live packs; legal edits them (a save is a new version, live at once). */
export default function PacksPage() {
  const { t } = useI18n();
  const me = useMe();
  const packs = usePacks();
  const { params, patch } = useSearchPatch();
  const selected = params.get('pack');
  const canSave = me.data?.actor.roles.some((r) => r === 'admin' || r === 'legal') ?? false;
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('compliance.packs.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('compliance.packs.subtitle')}</Typography.Text>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card size="small">
            <QueryTable<PackSummary>
              query={packs}
              data-testid="packs-table"
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={packs.data?.items ?? []}
              rowClassName={(r) => (r.id === selected ? 'ant-table-row-selected' : '')}
              onRow={(r) => ({ onClick: () => patch({ pack: r.id }), style: { cursor: 'pointer' } })}
              columns={[
                {
                  title: t('compliance.packs.cols.pack'),
                  key: 'c',
                  // a pack an operator added may share its category with a shipped one: name it too
                  render: (_, r) => (
                    <span>
                      <CategoryTag category={r.category} />
                      {r.id !== r.category && <Typography.Text code>{r.id}</Typography.Text>}
                    </span>
                  ),
                },
                { title: t('compliance.packs.cols.rules'), dataIndex: 'rules', width: 70 },
                {
                  title: t('compliance.packs.cols.version'),
                  key: 'v',
                  width: 110,
                  render: (_, r) => (
                    <span>
                      v{r.version}{' '}
                      <Tag>{r.builtin ? t('compliance.packs.builtin') : t('compliance.packs.edited')}</Tag>
                    </span>
                  ),
                },
                {
                  title: t('compliance.packs.cols.updated'),
                  dataIndex: 'updatedAt',
                  render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{shanghaiTime(v)}</span>,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          {selected && <PackEditor key={selected} id={selected} canSave={canSave} />}
        </Col>
      </Row>
    </Flex>
  );
}
