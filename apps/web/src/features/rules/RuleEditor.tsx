import { CodeOutlined, LoadingOutlined, TeamOutlined } from '@ant-design/icons';
import type { RuleNode } from '@linli/contracts/insight';
import { Alert, Flex, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { int, pct } from '../../app/format.ts';
import { useI18n, type Translate } from '../../app/i18n.tsx';
import { ErrorState, Loading } from '../../app/states.tsx';
import { describeRule } from './describe.ts';
import { useLivePreview, useTagList, useVocabulary } from './hooks.ts';
import { asRoot, problemsOf, problemText, type RuleProblem } from './model.ts';
import { RuleGroup, type GroupContext } from './RuleGroup.tsx';

/** `rule.all.1.any.0` → `2 › 1`: where in the rule, as the operator counts. */
function locate(path: string, t: Translate): string {
  const steps = path
    .split('.')
    .filter((s) => /^\d+$/.test(s))
    .map((s) => Number(s) + 1);
  return steps.length ? t('rules.at', { where: steps.join(' › ') }) : t('rules.wholeRule');
}

function LiveCount({
  ready,
  pending,
  data,
  error,
}: {
  ready: boolean;
  pending: boolean;
  data: { members: number; share?: number } | undefined;
  error: unknown;
}) {
  const { t } = useI18n();
  let body: React.ReactNode;
  if (!ready) body = <Typography.Text type="secondary">{t('rules.countIncomplete')}</Typography.Text>;
  else if (error && !(error instanceof ApiError && problemsOf(error.details).length))
    body = (
      <Typography.Text type="danger">
        {error instanceof ApiError && error.status === 403
          ? t('rules.countForbidden')
          : error instanceof Error
            ? error.message
            : String(error)}
      </Typography.Text>
    );
  else if (error) body = <Typography.Text type="danger">{t('rules.countInvalid')}</Typography.Text>;
  else if (!data) body = <Typography.Text type="secondary">{t('rules.counting')}</Typography.Text>;
  else
    body = (
      <Typography.Text strong style={{ fontSize: 16 }}>
        {typeof data.share === 'number'
          ? t('rules.countWithShare', { n: int(data.members), share: pct(data.share) })
          : t('rules.count', { n: int(data.members) })}
      </Typography.Text>
    );
  return (
    <Flex
      gap={8}
      align="center"
      data-testid="rule-count"
      data-members={ready && !error && data ? data.members : ''}
      data-pending={pending ? 'true' : 'false'}
    >
      <TeamOutlined style={{ color: '#00a870', fontSize: 18 }} />
      <Typography.Text type="secondary">{t('rules.liveCount')}</Typography.Text>
      {body}
      {pending && ready && <LoadingOutlined style={{ color: '#999' }} />}
    </Flex>
  );
}

/**
 * The visual rule builder shared by tags and segments: nested all/any groups, negation, field,
 * event and (with `allowTags`) tag conditions, with a live count from `previewPath` and the
 * server's objections shown where they apply.
 */
export function RuleEditor({
  value,
  onChange,
  previewPath,
  previewExtra,
  allowTags = false,
  problems: external = [],
}: {
  value: RuleNode;
  onChange(rule: RuleNode): void;
  previewPath: string;
  /** sent next to `rule` in the preview body, e.g. `{communityIds}` */
  previewExtra?: Record<string, unknown>;
  allowTags?: boolean;
  /** problems from a refused save */
  problems?: RuleProblem[];
}) {
  const { t, lang } = useI18n();
  const vocab = useVocabulary();
  const tagList = useTagList();
  const [json, setJson] = useState(false);
  const preview = useLivePreview(previewPath, value, previewExtra);
  const tags = useMemo(
    () => (allowTags ? (tagList.data?.items ?? []).filter((x) => x.enabled) : []),
    [allowTags, tagList.data],
  );
  const previewProblems =
    preview.query.error instanceof ApiError ? problemsOf(preview.query.error.details) : [];
  const problems = [...previewProblems, ...external].filter(
    (p, i, all) => all.findIndex((q) => q.path === p.path && q.reason === p.reason) === i,
  );
  const summary = useMemo(() => {
    const names = new Map(
      (tagList.data?.items ?? []).map((x) => [x.key, lang === 'zh-CN' ? x.nameZh : x.nameEn]),
    );
    return describeRule(value, { vocab: vocab.data, lang, t, tagName: (k) => names.get(k) });
  }, [value, vocab.data, tagList.data, lang, t]);

  if (vocab.isPending) return <Loading rows={3} />;
  if (vocab.error) return <ErrorState error={vocab.error} retry={() => void vocab.refetch()} />;
  const ctx: GroupContext = { vocab: vocab.data, tags, allowTags, problems };

  return (
    <Flex vertical gap={10} data-testid="rule-editor">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <LiveCount
          ready={preview.ready}
          pending={preview.pending}
          data={preview.query.data}
          error={preview.query.error}
        />
        <Flex gap={6} align="center">
          <CodeOutlined style={{ color: '#999' }} />
          <Typography.Text type="secondary">{t('rules.json')}</Typography.Text>
          <Switch size="small" checked={json} onChange={setJson} data-testid="rule-json-toggle" />
        </Flex>
      </Flex>
      <Typography.Paragraph
        type="secondary"
        style={{ margin: 0, background: '#f6f8fa', padding: '6px 10px', borderRadius: 4 }}
        data-testid="rule-summary"
      >
        {summary || '—'}
      </Typography.Paragraph>
      {json ? (
        <Typography.Paragraph copyable={{ text: JSON.stringify(value, null, 2) }} style={{ margin: 0 }}>
          <pre style={{ maxHeight: 360, overflow: 'auto', margin: 0 }} data-testid="rule-json">
            {JSON.stringify(value, null, 2)}
          </pre>
        </Typography.Paragraph>
      ) : (
        <RuleGroup node={asRoot(value)} path="rule" depth={0} ctx={ctx} onChange={onChange} />
      )}
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('rules.problems', { n: problems.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {problems.map((p, i) => (
                <li key={i}>
                  <Typography.Text type="secondary">{locate(p.path, t)}：</Typography.Text>
                  {problemText(p, lang)}
                </li>
              ))}
            </ul>
          }
          data-testid="rule-problems"
        />
      )}
    </Flex>
  );
}
