import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { RuleNode, RuleVocabulary } from '@linli/contracts/insight';
import { Button, Dropdown, Flex, Select, Tooltip, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import {
  childrenOf,
  eventLeaf,
  fieldLeaf,
  groupMode,
  isGroup,
  isNot,
  makeGroup,
  samePath,
  tagLeaf,
  type GroupNode,
  type Leaf,
  type RuleProblem,
  problemText,
} from './model.ts';
import { RuleLeaf, type TagChoice } from './RuleLeaf.tsx';

export interface GroupContext {
  vocab: RuleVocabulary;
  tags: TagChoice[];
  allowTags: boolean;
  problems: RuleProblem[];
}

const MAX_DEPTH = 3;
const COLORS = ['#00a870', '#3b7cff', '#f59a23', '#8e5cf7'];

function Problems({ at, ctx }: { at: string[]; ctx: GroupContext }) {
  const { lang } = useI18n();
  const mine = ctx.problems.filter((p) => at.some((path) => samePath(p.path, path)));
  if (!mine.length) return null;
  return (
    <Flex vertical>
      {mine.map((p, i) => (
        <Typography.Text key={i} type="danger" style={{ fontSize: 12 }} data-testid="rule-problem-inline">
          {problemText(p, lang)}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** One member of a group: an optional "does not match" around a condition or a nested group. */
function Item({
  node,
  path,
  depth,
  ctx,
  onChange,
  onRemove,
}: {
  node: RuleNode;
  path: string;
  depth: number;
  ctx: GroupContext;
  onChange(n: RuleNode): void;
  onRemove(): void;
}) {
  const { t } = useI18n();
  const negated = isNot(node);
  const inner = negated ? node.not : node;
  const innerPath = negated ? `${path}.not` : path;
  const setInner = (n: RuleNode) => onChange(negated ? { not: n } : n);
  const negate = (
    <Select
      size="small"
      variant="borderless"
      style={{ width: 96, color: negated ? '#e34d59' : undefined }}
      value={negated ? 'not' : 'is'}
      onChange={(v) => onChange(v === 'not' ? { not: inner } : inner)}
      options={[
        { value: 'is', label: t('rules.matches') },
        { value: 'not', label: t('rules.notMatches') },
      ]}
      data-testid="rule-negate"
    />
  );
  const remove = (
    <Tooltip title={t('rules.remove')}>
      <Button
        type="text"
        size="small"
        danger
        icon={<DeleteOutlined />}
        onClick={onRemove}
        aria-label={t('rules.remove')}
        data-testid="rule-remove"
      />
    </Tooltip>
  );
  if (isGroup(inner) || isNot(inner))
    return (
      <Flex gap={4} align="flex-start">
        {negate}
        <div style={{ flex: 1 }}>
          {isGroup(inner) ? (
            <RuleGroup node={inner} path={innerPath} depth={depth + 1} ctx={ctx} onChange={setInner} />
          ) : (
            <Item
              node={inner}
              path={innerPath}
              depth={depth}
              ctx={ctx}
              onChange={setInner}
              onRemove={onRemove}
            />
          )}
        </div>
        {remove}
      </Flex>
    );
  return (
    <Flex vertical gap={2} data-testid="rule-leaf">
      <Flex gap={8} align="center" wrap>
        {negate}
        <RuleLeaf node={inner as Leaf} vocab={ctx.vocab} tags={ctx.tags} onChange={setInner} />
        {remove}
      </Flex>
      <Problems at={[path, innerPath]} ctx={ctx} />
    </Flex>
  );
}

/** A group: "all of" or "any of" its members, each a condition or a nested group. */
export function RuleGroup({
  node,
  path,
  depth,
  ctx,
  onChange,
}: {
  node: GroupNode;
  path: string;
  depth: number;
  ctx: GroupContext;
  onChange(n: GroupNode): void;
}) {
  const { t } = useI18n();
  const mode = groupMode(node);
  const items = childrenOf(node);
  const set = (next: RuleNode[]) => onChange(makeGroup(mode, next));
  const add = (what: string) => {
    const leaf =
      what === 'event'
        ? eventLeaf(ctx.vocab)
        : what === 'tag'
          ? tagLeaf(ctx.tags)
          : what === 'group'
            ? makeGroup(mode === 'all' ? 'any' : 'all', [fieldLeaf(ctx.vocab)])
            : fieldLeaf(ctx.vocab);
    set([...items, leaf]);
  };
  const menu = [
    { key: 'field', label: t('rules.addField') },
    { key: 'event', label: t('rules.addEvent') },
    ...(ctx.allowTags ? [{ key: 'tag', label: t('rules.addTag') }] : []),
    ...(depth < MAX_DEPTH ? [{ key: 'group', label: t('rules.addGroup') }] : []),
  ];
  return (
    <div
      style={{
        borderLeft: `3px solid ${COLORS[depth % COLORS.length]}`,
        background: depth % 2 ? '#fafafa' : '#fff',
        padding: '8px 10px',
        borderRadius: 4,
      }}
      data-testid="rule-group"
      data-depth={depth}
    >
      <Flex gap={8} align="center" style={{ marginBottom: 6 }}>
        <Typography.Text type="secondary">{t('rules.groupLead')}</Typography.Text>
        <Select
          size="small"
          style={{ width: 120 }}
          value={mode}
          onChange={(m: 'all' | 'any') => onChange(makeGroup(m, items))}
          options={[
            { value: 'all', label: t('rules.all') },
            { value: 'any', label: t('rules.any') },
          ]}
          data-testid="rule-mode"
        />
        <Typography.Text type="secondary">{t('rules.groupTail')}</Typography.Text>
      </Flex>
      <Flex vertical gap={6}>
        {items.map((child, i) => (
          <Item
            key={i}
            node={child}
            path={`${path}.${mode}.${i}`}
            depth={depth}
            ctx={ctx}
            onChange={(n) => set(items.map((c, j) => (j === i ? n : c)))}
            onRemove={() => set(items.filter((_, j) => j !== i))}
          />
        ))}
        {items.length === 0 && (
          <Typography.Text type="warning" data-testid="rule-empty">
            {t('rules.emptyGroup')}
          </Typography.Text>
        )}
        <Problems at={[path]} ctx={ctx} />
      </Flex>
      <Dropdown menu={{ items: menu, onClick: ({ key }) => add(key) }} trigger={['click']}>
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          data-testid="rule-add"
        >
          {t('rules.add')}
        </Button>
      </Dropdown>
    </div>
  );
}
