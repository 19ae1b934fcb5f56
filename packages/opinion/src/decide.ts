/**
 * The rules, in the order of the specification (`../shared/data/opinion/README.md`): what makes a
 * message level 3 (harm, a vulnerable person, dangerous foreign matter, an outside authority or the
 * media, spread, scale, a leader defrauding many, a mass data leak), level 2 (unsafe food found
 * before eating, anger with a demand, a repeat, a stuck case, an internal escalation, a threat to
 * leave, a public warning, several households, rudeness, leader misconduct, money wrongly taken,
 * one member's data misused) and level 1 (a real problem with us); then what lowers it again
 * (already resolved, accepted, only a suggestion).
 *
 * Outside parties, spread, scale and demands only count next to a grievance: 必须, 大家都, 转发
 * and 报警 are harmless in praise and jokes.
 */
import { categoryOf } from './category.ts';
import type { Cue } from './cues.ts';
import { anyOf, assertedOf, exclaimed, foodKindNear, liveOf, type Facts } from './facts.ts';
import {
  REASON_LEVEL,
  REASONS,
  type Category,
  type Level,
  type Reason,
  type TriageContext,
} from './types.ts';

export interface Decision {
  level: Level;
  category: Category | null;
  reasons: Reason[];
  /** The cues behind each reason. */
  because: Map<Reason, Cue[]>;
}

/** Kinds whose presence is a complaint in itself. */
const GRIEVOUS_KINDS = [
  'rude',
  'leader_bad',
  'leader_fraud',
  'money_taken',
  'money_where',
  'unanswered',
  'warn',
] as const;
/** Kinds that show a grievance only in a clearly negative text. */
const TONE_KINDS = ['anger', 'demand', 'demand_strong', 'leave', 'want_seen', 'escalate', 'stuck'] as const;

/** Authority and media words that are a report or a threat by themselves (报警, 起诉, 曝光). */
const OUTSIDE_ACTION =
  /报警|报案|110|立案|起诉|上诉|告|官司|法律|仲裁|律师函|找|上新闻|上电视|曝光|网上|公之于众|举报/;
/** Before an outside party's name, what makes it a report or a threat: 打12315, 找记者, 向市场监管局反映. */
const OUTSIDE_VERB =
  /(打|拨|找|报|告|叫|联系|投诉|反映|举报|去|到|上|让|请|向|给|问问|咨询)[^，。！？,!?]{0,3}$/;
/** People and places named as a job or an address as often as a threat: they need a verb (我老公是警察). */
const OUTSIDE_ROLE = /警察|民警|律师|记者|媒体|法院|公安|派出所|电视台|报社|央视|新闻/;
const OUTSIDE_AFTER = /^[^，。！？,!?]{0,3}(投诉|举报|反映|曝光|介入|处理|报道|采访|来|上门|评理)/;

/** 优惠券过期 is not food: what expired is named just before. */
const NOT_FOOD_EXPIRY =
  /(券|积分|红包|会员|活动|链接|二维码|验证码|卡|套餐|资格|权益|密码|优惠)[^，。！？,!?]{0,6}$/;

/** A leader as the subject of what follows (团长卖的…), not the one addressed (@团长，…). */
const leaderSubject = (f: Facts, c: Cue) =>
  !/^[\s,，:：!！]/.test(f.text.slice(c.end, c.end + 1)) &&
  !/@\s*$/.test(f.text.slice(Math.max(0, c.start - 4), c.start));
/** The rest of the sentence a cue starts (at most 120 characters on). */
const sentenceFrom = (f: Facts, c: Cue) => {
  const rest = f.text.slice(c.start, c.start + 120);
  const end = rest.search(/[。！？!?]/);
  return end < 0 ? rest : rest.slice(0, end);
};
const DECEIT = /骗|所谓|假的|虚假|冒充|忽悠|糊弄|翻了.?倍|翻倍|以次充好/;

const near = (a: Cue, list: readonly Cue[]) => list.some((b) => Math.abs(a.sentence - b.sentence) <= 1);

export function decide(
  f: Facts,
  context: TriageContext = {},
  aspectCategory?: () => Category | undefined,
): Decision {
  const because = new Map<Reason, Cue[]>();
  const add = (r: Reason, cues: readonly Cue[]) => {
    const list = because.get(r);
    if (list) list.push(...cues);
    else because.set(r, [...cues]);
  };
  const joke = f.reading.joke;
  const before = (c: Cue, n: number) => f.text.slice(Math.max(0, c.start - n), c.start);

  // ── harm to a person ──
  const symptoms = liveOf(f, 'symptom');
  const mouth = liveOf(f, 'injury_mouth');
  // 中毒, 不舒服, 医院 are slang or unrelated unless something was eaten and the text is not praise
  const weakSymptoms = liveOf(f, 'symptom_weak');
  const weakOk =
    weakSymptoms.length > 0 &&
    (symptoms.length + mouth.length > 0 ||
      (f.eaten && !anyOf(f, 'praise') && f.toneAt(weakSymptoms[0]!) < 0.6));
  const foodHarm = [...symptoms, ...(weakOk ? weakSymptoms : []), ...mouth];
  const injury = liveOf(f, 'injury');
  const aggression = liveOf(f, 'aggression');
  if (foodHarm.length + injury.length + aggression.length > 0)
    add('harm_to_person', [...foodHarm, ...injury, ...aggression]);

  // ── what was found in the food ──
  const inFood = () => f.foodContext;
  const hard = liveOf(f, 'foreign_hard').filter(inFood);
  const insects = liveOf(f, 'insect').filter(inFood);
  const insectReady = insects.filter((c) => foodKindNear(f, c) === 'ready');
  if (hard.length + insectReady.length > 0) add('foreign_matter', [...hard, ...insectReady]);
  const spoil = liveOf(f, 'spoil');
  const spoilReady = spoil.filter((c) => foodKindNear(f, c) === 'ready');
  const unsafe = [
    ...liveOf(f, 'unsafe').filter(
      (c) => !/过期|临期/.test(f.text.slice(c.start, c.end)) || !NOT_FOOD_EXPIRY.test(before(c, 10)),
    ),
    ...spoilReady,
    ...liveOf(f, 'foreign_soft').filter(inFood),
  ];
  if (unsafe.length > 0) add('unsafe_food', unsafe);
  const danger = liveOf(f, 'danger');
  if (danger.length > 0) add('unsafe_product', danger);
  const vulnerable = liveOf(f, 'vulnerable');
  const ateIt = f.eaten && !f.uneaten && unsafe.length + hard.length + insects.length > 0;
  if (vulnerable.length > 0 && (because.has('harm_to_person') || ateIt)) add('child_or_elderly', vulnerable);

  // ── is there a grievance at all? ──
  const quality = [
    ...insects.filter((c) => foodKindNear(f, c) !== 'ready'),
    ...liveOf(f, 'grit').filter(inFood),
    ...spoil.filter((c) => foodKindNear(f, c) !== 'ready'),
  ];
  const worry = liveOf(f, 'worry');
  // 团长卖的所谓土鸡蛋: a leader deceiving members is a grievance whatever the goods
  const leaders = liveOf(f, 'leader').filter((l) => leaderSubject(f, l));
  const deceiving = joke ? [] : leaders.filter((l) => DECEIT.test(sentenceFrom(f, l)));
  const grievances: Cue[] = [
    ...[...because.values()].flat(),
    ...f.problems,
    ...quality,
    ...worry,
    ...liveOf(f, ...GRIEVOUS_KINDS),
    ...deceiving,
  ];
  // the tone is asked for only where nothing else decides: it is the costly part of a triage
  const certain = grievances.length > 0;
  let mildChecked: boolean | undefined;
  const mildCounts = () =>
    (mildChecked ??= f.mild.length > 0 && (anyOf(f, 'want_seen', 'ask') || f.toneAt(f.mild[0]!) < 0.5));
  if (certain ? f.mild.length > 0 && anyOf(f, 'want_seen', 'ask') : mildCounts()) grievances.push(...f.mild);
  if (!joke)
    grievances.push(
      ...liveOf(f, 'data_misuse', 'data_mass', 'scam').filter((c) => certain || f.toneAt(c) < 0.6),
    );
  // an outside party named as a report or a threat, not as a job (我老公是警察) or a photo setting
  const outside = assertedOf(
    f,
    'authority',
    'media',
    ...(f.reading.photo ? [] : (['expose'] as const)),
  ).filter(
    (c) =>
      !OUTSIDE_ROLE.test(f.text.slice(c.start, c.end)) ||
      OUTSIDE_ACTION.test(f.text.slice(c.start, c.end)) ||
      OUTSIDE_VERB.test(before(c, 6)) ||
      OUTSIDE_AFTER.test(f.text.slice(c.end, c.end + 6)),
  );
  // a report or threat (报警, 打12315) is a grievance in itself unless the text is praise or a joke
  if (!joke && outside.length > 0 && (certain || f.toneAt(outside[0]!) < 0.35)) grievances.push(...outside);
  if (grievances.length === 0) {
    const tone = liveOf(f, ...TONE_KINDS);
    if (tone.length > 0 && f.toneAt(tone[0]!) < 0.2) grievances.push(...tone);
  }
  const grievance = grievances.length > 0;
  const anger = liveOf(f, 'anger');
  let angerChecked: boolean | undefined;
  const angry = () => (angerChecked ??= anger.length > 0 || f.reading.exclamations >= 2 || f.anger >= 60);

  // ── level 3: outside parties, spread, scale ──
  if (grievance && !joke) {
    if (outside.length > 0) add('authority_or_media', outside);
    const publicPost = anyOf(f, 'public', 'warn');
    const spread = [...assertedOf(f, 'spread'), ...(publicPost ? assertedOf(f, 'spread_weak') : [])];
    if (spread.length > 0) add('spread', spread);
    const big = assertedOf(f, 'scale_big').filter((c) => near(c, grievances));
    if (big.length > 0) add('scale', big);
    else {
      const some = assertedOf(f, 'scale_some').filter((c) => near(c, grievances));
      if (some.length > 0) add('several_members', some);
    }
  }
  const fraud = joke ? [] : liveOf(f, 'leader_fraud');
  if (fraud.length > 0) {
    const many = because.has('scale') || because.has('several_members') || anyOf(f, 'leader');
    add(many ? 'leader_fraud' : 'leader_misconduct', fraud);
  }
  const scam = joke ? [] : liveOf(f, 'scam');
  const misuseCues = liveOf(f, 'data_misuse');
  const misuse = misuseCues.length > 0 && f.toneAt(misuseCues[0]!) < 0.6 ? misuseCues : [];
  const mass = liveOf(f, 'data_mass');
  const privacy = f.problems.filter((c) => c.spec.category === 'privacy_security');
  if ((scam.length > 0 || mass.length > 0) && misuse.length + privacy.length + scam.length + mass.length > 1)
    add('mass_data_leak', [...scam, ...mass, ...misuse]);
  else if (scam.length + misuse.length > 0) add('data_misuse', [...scam, ...misuse]);

  // ── level 2 ──
  const refundProblems = f.problems.filter((c) => c.spec.category === 'refund_after_sales');
  if (grievance && !joke) {
    const demands = [
      ...liveOf(f, 'demand_strong'),
      ...liveOf(f, 'demand').filter((c) => exclaimed(f.text, c) || angry()),
      ...(refundProblems.length > 0 && angry() ? refundProblems : []),
    ];
    // strong words of anger about a real problem ask for customer service even without a demand
    if (demands.length > 0 || (anger.length > 0 && f.problems.length + quality.length > 0))
      add('anger_with_demand', [...demands, ...anger]);
    const escalate = assertedOf(f, 'escalate');
    if (escalate.length > 0) add('internal_escalation', escalate);
    const warn = liveOf(f, 'warn');
    const platform = liveOf(f, 'public').filter(() => anger.length > 0);
    if (warn.length + platform.length > 0) add('public_post', [...warn, ...platform]);
  }
  const leave = joke ? [] : assertedOf(f, 'leave');
  if (leave.length > 0 && (grievance || f.toneAt(leave[0]!) < 0.4)) add('threat_to_leave', leave);
  const habitual = liveOf(f, 'repeat_weak');
  const repeats = [...liveOf(f, 'repeat'), ...(habitual.length > 0 && angry() ? habitual : [])].filter((c) =>
    near(c, grievances),
  );
  if (repeats.length > 0) add('repeat', repeats);
  if ((context.priorOpenComplaints ?? 0) >= 1 && grievance) add('repeat', []);

  // stuck: a problem with us still open after days, or a refund that has not come
  const underlying =
    f.problems.some((c) => c.spec.category !== 'service_attitude') ||
    quality.length + unsafe.length > 0 ||
    because.size > 0;
  const refundAsked = liveOf(f, 'demand').some((c) => /退|补|赔/.test(f.text.slice(c.start, c.end)));
  const refundStuck = liveOf(f, 'stuck').some((c) => /退|到账|赔|补/.test(f.text.slice(c.start, c.end)));
  const refundContext =
    refundProblems.length > 0 ||
    refundStuck ||
    anyOf(f, 'refund_word', 'money_where') ||
    (refundAsked && anyOf(f, 'stuck'));
  const stuck = liveOf(f, 'stuck').filter((c) => c.spec.strength === 2 || underlying || refundContext);
  const unanswered = liveOf(f, 'unanswered');
  const waited = unanswered.filter(() => underlying || refundContext);
  const oldOrder =
    (context.orderAgeHours ?? 0) >= 72 &&
    (refundContext || anyOf(f, 'demand') || f.problems.some((c) => c.spec.category === 'delivery_pickup'));
  if (stuck.length + waited.length > 0 || oldOrder)
    add(refundContext || (oldOrder && refundAsked) ? 'stuck_refund' : 'no_response', [...stuck, ...waited]);

  if (!joke) {
    const rude = liveOf(f, 'rude');
    if (rude.length > 0) add('staff_rudeness', rude);
    // 团长不给退, 团长卖的所谓土鸡蛋, 差价去哪了: the leader keeping money or deceiving
    const kept = [...refundProblems, ...(refundContext ? stuck : [])].filter((c) =>
      leaders.some((l) => l.clause === c.clause && l.end <= c.start),
    );
    const where = leaders.length > 0 || anyOf(f, 'leader') ? liveOf(f, 'money_where') : [];
    const misconduct = [...liveOf(f, 'leader_bad'), ...kept, ...deceiving, ...where];
    if (misconduct.length > 0) add('leader_misconduct', misconduct);
  }
  const taken = liveOf(f, 'money_taken');
  if (taken.length > 0) add('money_taken', taken);

  // ── level 1 ──
  const slow = unanswered.filter((c) => !waited.includes(c));
  const problems = [...f.problems, ...quality, ...worry, ...slow, ...liveOf(f, 'money_where')];
  if (problems.length > 0) add('negative_experience', problems);
  else if (because.size === 0) {
    // with no alert of a higher level, a mild remark or a complaint's framing in a negative text
    const framing = liveOf(f, 'want_seen', 'anger');
    if (mildCounts() || (f.mild.length > 0 && f.toneAt(f.mild[0]!) < 0.3)) add('negative_experience', f.mild);
    else if (framing.length > 0 && f.toneAt(framing[0]!) < 0.3) add('negative_experience', framing);
  }

  let level = Math.max(0, ...[...because.keys()].map((r) => REASON_LEVEL[r])) as Level;

  // ── what lowers it again: already resolved, accepted, only a suggestion ──
  if (level > 0 && level <= 2) {
    const last = Math.max(...[...because.values()].flat().map((c) => c.start), -1);
    if (liveOf(f, 'resolved').some((c) => c.start > last)) level = 0;
  }
  if (level === 1) {
    const asks = anyOf(f, 'want_seen', 'ask', 'demand', 'demand_strong');
    const onlyMild = problems.length === 0;
    if (!asks && (anyOf(f, 'accept') || (onlyMild && anyOf(f, 'suggest')))) level = 0;
  }
  if (level === 0) return { level: 0, category: null, reasons: [], because: new Map() };

  const reasons = REASONS.filter(
    (r) => because.has(r) && (r !== 'negative_experience' || because.size === 1),
  );
  const category = categoryOf(
    f,
    because,
    { foodHarm, injury, aggression, quality, worry, slow },
    aspectCategory,
  );
  return { level, category, reasons, because };
}
