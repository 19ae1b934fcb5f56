/**
 * The words of the notices (Chinese: they go to the operations group and the console of a Chinese
 * team). Titles are short for a phone's lock screen; bodies are WeCom markdown, plain text inside.
 */
import type { OpinionCategory, OpinionSettings, SlaClock } from '@linli/contracts/opinion';
import type { IncidentRow } from './incidents.repo.ts';
import type { Notice } from './notify.service.ts';

const LEVEL = ['零级', '一级预警', '二级响应', '三级升级'] as const;
const CLOCK: Record<SlaClock, string> = { acknowledge: '确认', resolve: '处理', close: '闭环' };
export const CATEGORY_ZH: Record<OpinionCategory, string> = {
  food_safety: '食品安全',
  quality_freshness: '品质新鲜度',
  quantity: '缺斤少两',
  delivery_pickup: '配送自提',
  price_billing: '价格计费',
  service_attitude: '服务态度',
  leader_conduct: '团长行为',
  refund_after_sales: '退款售后',
  privacy_security: '隐私安全',
  other: '其他',
};

const hhmm = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** Markdown control characters in member text would change the robot message: shown literally instead. */
const plain = (s: string) =>
  s
    .replace(/[<>`*_[\]#]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function lines(inc: IncidentRow, extra: string[]): string {
  return [
    `> 事件：${plain(inc.title)}`,
    `> 级别：${LEVEL[inc.level]}，类别：${inc.category ? CATEGORY_ZH[inc.category] : '—'}`,
    `> 消息 ${inc.messageCount} 条，涉及 ${inc.households} 户`,
    ...extra.map((e) => `> ${e}`),
    `事件编号 ${inc.id}`,
  ].join('\n');
}

const ownerOf = (inc: Pick<IncidentRow, 'ownerName' | 'ownerRole'>) =>
  inc.ownerName ??
  { leader: '团长', operator: '运营', customer_service: '客服', executive: '高管' }[inc.ownerRole] ??
  inc.ownerRole;

export function warningNotice(
  inc: IncidentRow,
  clock: SlaClock,
  share: 50 | 80,
  dueAt: Date,
  dedupe: string,
  at: Date,
): Notice {
  return {
    kind: 'sla_warning',
    incidentId: inc.id,
    level: inc.level,
    title: `【时限提醒 ${share}%】${LEVEL[inc.level]}待${CLOCK[clock]}：${plain(inc.title).slice(0, 30)}`,
    body: lines(inc, [`负责：${ownerOf(inc)}，${CLOCK[clock]}期限：${hhmm.format(dueAt)}`]),
    dedupe,
    at,
    users: [inc.ownerName],
  };
}

export function breachNotice(
  before: IncidentRow,
  after: IncidentRow,
  clock: SlaClock,
  dueAt: Date,
  s: Pick<OpinionSettings, 'oncallExecutive'>,
  dedupe: string,
  at: Date,
): Notice {
  const raised = after.level > before.level;
  return {
    kind: 'sla_breach',
    incidentId: before.id,
    level: after.level,
    title: raised
      ? `【舆情超时升级】${LEVEL[before.level]}未按时${CLOCK[clock]}，已升级为${LEVEL[after.level]}`
      : `【舆情超时】${LEVEL[before.level]}未按时${CLOCK[clock]}`,
    body: lines(after, [
      `${CLOCK[clock]}期限：${hhmm.format(dueAt)}（已超时）`,
      `现由：${ownerOf(after)} 负责`,
    ]),
    dedupe,
    at,
    wecom: true,
    users: [s.oncallExecutive, before.ownerName],
  };
}

export function levelNotice(
  inc: IncidentRow,
  cause: string,
  s: Pick<OpinionSettings, 'oncallExecutive'>,
  at: Date,
): Notice {
  const why = cause === 'scale' ? '多户投诉同一商品或自提点' : cause === 'manual' ? '人工升级' : '消息研判';
  return {
    kind: cause === 'manual' ? 'escalation' : 'level3',
    incidentId: inc.id,
    level: inc.level,
    title: `【三级舆情】${plain(inc.title).slice(0, 40)}`,
    body: lines(inc, [`原因：${why}`, `负责：${ownerOf(inc)}，24 小时内闭环`]),
    dedupe: `opinion:incident:${inc.id}:level3`,
    at,
    wecom: true,
    users: [s.oncallExecutive],
  };
}
