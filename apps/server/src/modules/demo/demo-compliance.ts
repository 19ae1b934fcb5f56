/**
 * The compliance lab of the demo community: a dozen pieces of copy in every stage and state, so the
 * queues, the decision screen and the dashboard show something on first start — copy returned by
 * the screen with its hits, copy waiting for review with green, amber, red and overdue clocks, one
 * with legal, approvals with and without the legal sign-off, an edit after a block, a rejected
 * member post with a violation marked missed, an approval later recalled. Written in the demo's
 * transaction with the shipped packs (stored as their version 1 when first used), replaced as a
 * whole on a reload.
 */
import { defaultPacks, scan, type ScanResult } from '@linli/compliance';
import type pg from 'pg';
import { derivedId } from '../../platform/ids.ts';
import { DEFAULT_SETTINGS, hitKey, slaSubject, textHash } from '../compliance/index.ts';

const HOUR = 3_600_000;
const PACKS = defaultPacks()
  .map((p) => `${p.id}@1`)
  .join(',');
const REVIEWER = 'demo-审核员小周';
const LEGAL = 'demo-法务李律师';
const AUTHOR = 'demo-运营小陈';

type Stage = 'review' | 'legal';
interface Step {
  /** hours before now */
  at: number;
}
interface Spec {
  key: string;
  type: string;
  channel: string;
  title: string;
  /** texts of the versions, oldest first */
  versions: string[];
  created: number;
  /** what happened to the last version after its screen */
  flow: Array<
    Step &
      (
        | { do: 'open'; stage: Stage }
        | {
            do: 'decide';
            stage: Stage;
            decision: 'approve' | 'reject' | 'return';
            comment?: string;
            reasons?: string[];
          }
        | { do: 'overrule' | 'confirm' }
        | { do: 'missed'; category: string; term: string }
        | { do: 'recall'; category: string; reason: string }
      )
  >;
}

const ALL_OK = Object.fromEntries(defaultPacks().map((p) => [p.category, 'ok']));

const SPECS: Spec[] = [
  {
    key: 'blocked-push',
    type: 'push',
    channel: 'app_push',
    title: '周末阳光玫瑰推送',
    versions: ['本周特惠：全网最低价的阳光玫瑰，吃了降血压还能美容养颜！'],
    created: 3,
    flow: [],
  },
  {
    key: 'blocked-group',
    type: 'leader_group_message',
    channel: 'wechat_group',
    title: '团长群发：转发领红包',
    versions: ['转发到3个小区群，截图找团长领5元红包'],
    created: 26,
    flow: [],
  },
  {
    key: 'review-green',
    type: 'push',
    channel: 'app_push',
    title: '草莓到货提醒',
    versions: ['今日草莓到货，新鲜采摘，欢迎邻居们下单'],
    created: 0.5,
    flow: [{ do: 'open', stage: 'review', at: 0.5 }],
  },
  {
    key: 'review-amber',
    type: 'poster',
    channel: 'wechat_group',
    title: '蓝莓限时价海报',
    versions: ['限时：市场价39.9元的蓝莓今天19.9元'],
    created: 2.5,
    flow: [{ do: 'open', stage: 'review', at: 2.5 }],
  },
  {
    key: 'review-red',
    type: 'product_description',
    channel: 'mini_program',
    title: '金桔盆栽商品描述',
    versions: ['招财金桔盆栽，新年好彩头'],
    created: 3.5,
    flow: [{ do: 'open', stage: 'review', at: 3.5 }],
  },
  {
    key: 'review-overdue',
    type: 'product_description',
    channel: 'mini_program',
    title: '五常大米商品描述',
    versions: ['五常大米5kg，产地黑龙江五常，新米上市'],
    created: 6,
    flow: [{ do: 'open', stage: 'review', at: 6 }],
  },
  {
    key: 'legal-waiting',
    type: 'poster',
    channel: 'offline',
    title: '有机蔬菜礼盒海报',
    versions: ['有机蔬菜礼盒，每一棵都新鲜'],
    created: 8,
    flow: [
      { do: 'open', stage: 'review', at: 8 },
      { do: 'overrule', at: 5.2 },
      {
        do: 'decide',
        stage: 'review',
        decision: 'approve',
        at: 5,
        comment: '包装上有有机认证编号，请法务确认',
      },
      { do: 'open', stage: 'legal', at: 5 },
    ],
  },
  {
    key: 'approved-no-legal',
    type: 'push',
    channel: 'app_push',
    title: '周末水果节',
    versions: ['周末水果节，满59减10，欢迎邻居们下单'],
    created: 8 * 24,
    flow: [
      { do: 'open', stage: 'review', at: 8 * 24 },
      { do: 'decide', stage: 'review', decision: 'approve', at: 8 * 24 - 1 },
    ],
  },
  {
    key: 'approved-legal',
    type: 'video_script',
    channel: 'video',
    title: '草莓限时价短视频脚本',
    versions: ['限时：市场价29.9元的草莓今天15.9元'],
    created: 15 * 24,
    flow: [
      { do: 'open', stage: 'review', at: 15 * 24 },
      { do: 'overrule', at: 15 * 24 - 1 },
      { do: 'decide', stage: 'review', decision: 'approve', at: 15 * 24 - 1, comment: '市场价有采购单据' },
      { do: 'open', stage: 'legal', at: 15 * 24 - 1 },
      { do: 'decide', stage: 'legal', decision: 'approve', at: 15 * 24 - 9, comment: '依据充分，可以发布' },
    ],
  },
  {
    key: 'edited',
    type: 'push',
    channel: 'app_push',
    title: '草莓到货推送（修改后通过）',
    versions: ['本店最新鲜的草莓今天到货', '本店新鲜的草莓今天到货'],
    created: 10 * 24,
    flow: [
      { do: 'open', stage: 'review', at: 10 * 24 - 2 },
      { do: 'decide', stage: 'review', decision: 'approve', at: 10 * 24 - 3 },
    ],
  },
  {
    key: 'ugc-rejected',
    type: 'ugc',
    channel: 'h5',
    title: '会员评价',
    versions: ['小区里另一个团长的菜又贵又差，还是这家好'],
    created: 4 * 24,
    flow: [
      { do: 'open', stage: 'review', at: 4 * 24 },
      { do: 'missed', category: 'disparagement', term: '另一个团长的菜又贵又差', at: 4 * 24 - 1 },
      {
        do: 'decide',
        stage: 'review',
        decision: 'reject',
        at: 4 * 24 - 1,
        reasons: ['disparagement'],
        comment: '贬低同行',
      },
    ],
  },
  {
    key: 'recalled',
    type: 'product_description',
    channel: 'mini_program',
    title: '土鸡蛋商品描述',
    versions: ['土鸡蛋30枚装，农户散养，蛋黄饱满'],
    created: 21 * 24,
    flow: [
      { do: 'open', stage: 'review', at: 21 * 24 },
      { do: 'decide', stage: 'review', decision: 'approve', at: 21 * 24 - 2 },
      { do: 'recall', category: 'false_claims', reason: '供应商并非农户散养，产地与实际不符', at: 18 * 24 },
    ],
  },
];

/** Writes the demo's compliance items in the demo's transaction (replacing an earlier demo's). */
export async function loadDemoCompliance(client: pg.PoolClient, nowMs: number): Promise<number> {
  const ids = SPECS.map((s) => derivedId('cmi', `demo-c-${s.key}`));
  for (const table of [
    'compliance_versions',
    'compliance_screenings',
    'compliance_reviews',
    'compliance_decisions',
    'compliance_hit_verdicts',
    'compliance_missed',
  ])
    await client.query(`DELETE FROM ${table} WHERE item_id = ANY($1::text[])`, [ids]);
  await client.query(
    `DELETE FROM sla_clocks WHERE subject LIKE 'compliance:cmi_%' AND meta->>'demo' = 'true'`,
  );
  await client.query('DELETE FROM compliance_items WHERE id = ANY($1::text[])', [ids]);
  const at = (hoursAgo: number) => new Date(nowMs - hoursAgo * HOUR);
  for (const [i, s] of SPECS.entries()) await writeItem(client, ids[i]!, s, at);
  return SPECS.length;
}

async function writeItem(client: pg.PoolClient, id: string, s: Spec, at: (h: number) => Date): Promise<void> {
  const q = (sql: string, params: unknown[]) => client.query(sql, params);
  const created = at(s.created);
  let screened: ScanResult = { verdict: 'pass', violations: [] };
  for (const [k, text] of s.versions.entries()) {
    const v = k + 1;
    // versions before the last one were blocked and edited two hours later
    const when = new Date(created.getTime() + k * 2 * HOUR);
    screened = scan(text);
    await q(
      `INSERT INTO compliance_versions (item_id, version, text, text_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, v, text, textHash(text), AUTHOR, when],
    );
    await q(
      `INSERT INTO compliance_screenings (item_id, version, verdict, hits, packs, revision, ms, screened_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, 12, 0.05, $6)`,
      [id, v, screened.verdict, JSON.stringify(screened.violations), PACKS, when],
    );
    await q(
      `INSERT INTO compliance_decisions (item_id, version, stage, decision, reasons, actor_id, decided_at)
       VALUES ($1, $2, 'screen', $3, $4::text[], 'system', $5)`,
      [
        id,
        v,
        screened.verdict === 'block' ? 'return' : 'pass',
        [...new Set(screened.violations.map((h) => h.category))],
        when,
      ],
    );
  }
  const version = s.versions.length;
  const subject = slaSubject(id, version);
  let status = screened.verdict === 'block' ? 'returned' : 'review';
  let stage: Stage | null = status === 'review' ? 'review' : null;
  let approved: number | null = null;
  let updated = at(s.created);
  for (const step of s.flow) {
    const when = at(step.at);
    updated = when;
    if (step.do === 'open') {
      const hours =
        step.stage === 'review' ? DEFAULT_SETTINGS.reviewSlaHours : DEFAULT_SETTINGS.legalSlaHours;
      const due = new Date(when.getTime() + hours * HOUR);
      const mark = (share: number) =>
        when.getTime() + share * hours * HOUR <= at(0).getTime()
          ? new Date(when.getTime() + share * hours * HOUR)
          : null;
      await q(`INSERT INTO compliance_reviews (item_id, version, stage, opened_at) VALUES ($1, $2, $3, $4)`, [
        id,
        version,
        step.stage,
        when,
      ]);
      await q(
        `INSERT INTO sla_clocks (subject, clock, started_at, due_at, warned_50_at, warned_80_at, breached_at, meta)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
        [
          subject,
          step.stage,
          when,
          due,
          mark(0.5),
          mark(0.8),
          mark(1),
          JSON.stringify({ itemId: id, version, demo: true }),
        ],
      );
      status = step.stage;
      stage = step.stage;
      approved = null;
    } else if (step.do === 'overrule' || step.do === 'confirm') {
      for (const h of screened.violations)
        await q(
          `INSERT INTO compliance_hit_verdicts (item_id, version, hit_key, rule_id, category, term, verdict, actor_id, at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            id,
            version,
            hitKey(h),
            h.ruleId,
            h.category,
            h.term,
            step.do === 'overrule' ? 'overruled' : 'confirmed',
            REVIEWER,
            when,
          ],
        );
    } else if (step.do === 'missed') {
      await q(
        `INSERT INTO compliance_missed (id, item_id, version, category, term, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [derivedId('cmm', id, step.term), id, version, step.category, step.term, REVIEWER, when],
      );
    } else if (step.do === 'decide') {
      await q(
        `INSERT INTO compliance_decisions (item_id, version, stage, decision, reasons, comment, checklist, actor_id, decided_at)
         VALUES ($1, $2, $3, $4, $5::text[], $6, $7::jsonb, $8, $9)`,
        [
          id,
          version,
          step.stage,
          step.decision,
          step.reasons ?? [],
          step.comment ?? '',
          JSON.stringify(step.stage === 'review' ? ALL_OK : {}),
          step.stage === 'review' ? REVIEWER : LEGAL,
          when,
        ],
      );
      await q(
        `UPDATE compliance_reviews SET closed_at = $4, assignee_id = $5, assigned_at = $4 WHERE item_id = $1 AND version = $2 AND stage = $3`,
        [id, version, step.stage, when, step.stage === 'review' ? REVIEWER : LEGAL],
      );
      await q(`UPDATE sla_clocks SET stopped_at = $3, owner = $4 WHERE subject = $1 AND clock = $2`, [
        subject,
        step.stage,
        when,
        step.stage === 'review' ? REVIEWER : LEGAL,
      ]);
      status =
        step.decision === 'approve' ? 'approved' : step.decision === 'return' ? 'returned' : 'rejected';
      stage = null;
      if (step.decision === 'approve') approved = version;
    } else if (step.do === 'recall') {
      await q(
        `INSERT INTO compliance_decisions (item_id, version, stage, decision, reasons, comment, actor_id, decided_at)
         VALUES ($1, $2, 'recall', 'recall', $3::text[], $4, $5, $6)`,
        [id, version, [step.category], step.reason, LEGAL, when],
      );
      status = 'recalled';
      approved = null;
    }
  }
  await q(
    `INSERT INTO compliance_items (id, client_id, type, channel, title, author_id, status, stage, current_version,
       approved_version, verdict, hit_count, high_risk, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      id,
      `demo-c-${s.key}`,
      s.type,
      s.channel,
      s.title,
      AUTHOR,
      status,
      stage,
      version,
      approved,
      screened.verdict,
      screened.violations.length,
      screened.violations.some((h) => DEFAULT_SETTINGS.highRisk.includes(h.category)),
      created,
      updated,
    ],
  );
}
