/**
 * What the public-opinion (舆情) endpoints take and answer: messages and their triage, incidents with
 * their SLA clocks and timelines, notifications, NPS. Types and plain constants only; `T` is how
 * instants travel. Money in integer fen.
 */

/** Where a message came from. `nps_detractor` is made by Linli from a low survey answer. */
export const OPINION_SOURCES = [
  'review',
  'complaint',
  'group_message',
  'cs_message',
  'social_post',
  'nps_detractor',
] as const;
export type OpinionSource = (typeof OPINION_SOURCES)[number];

/** The fixed categories of the triage (see ../shared/data/opinion/README.md). */
export const OPINION_CATEGORIES = [
  'food_safety',
  'quality_freshness',
  'quantity',
  'delivery_pickup',
  'price_billing',
  'service_attitude',
  'leader_conduct',
  'refund_after_sales',
  'privacy_security',
  'other',
] as const;
export type OpinionCategory = (typeof OPINION_CATEGORIES)[number];

export type OpinionLevel = 0 | 1 | 2 | 3;

export const INCIDENT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** How an incident ended. */
export const RESOLUTION_CODES = [
  'refunded',
  'compensated',
  'replaced',
  'explained',
  'fixed_process',
  'no_fault',
  'duplicate',
  'unreachable',
  'other',
] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

export const REMEDY_KINDS = ['refund', 'compensation'] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];

/**
 * The SLA clock an incident runs on at its level: level 1 must be acknowledged, level 2 resolved,
 * level 3 closed (resolved) by the executive.
 */
export type SlaClock = 'acknowledge' | 'resolve' | 'close';

export const TIMELINE_KINDS = [
  'opened',
  'message',
  'level_raised',
  'acknowledged',
  'assigned',
  'escalated',
  'resolved',
  'remedy',
  'note',
  'sla_warning',
  'sla_breach',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** A span of a message's text behind one reason (UTF-16 offsets into the text as received). */
export interface TriageEvidence {
  reason: string;
  start: number;
  end: number;
}

/** The triage of one message as stored. */
export interface TriageView {
  level: OpinionLevel;
  category: OpinionCategory | null;
  reasons: string[];
  evidence: TriageEvidence[];
  version: string;
}

export interface OpinionMessageView<T = string> extends TriageView {
  id: string;
  source: OpinionSource;
  externalId: string | null;
  /** plain text: never render it as HTML */
  text: string;
  memberId: string | null;
  orderId: string | null;
  sku: string | null;
  batch: string | null;
  pickupPointId: string | null;
  communityId: string | null;
  threadId: string | null;
  receivedAt: T;
  incidentId: string | null;
}

/** A rejected item of a batch or a rejected row of a file. */
export interface OpinionRowProblem {
  index: number;
  /** file line (header = 1), for CSV imports */
  row?: number | undefined;
  field: string;
  reason: string;
  code: string;
}

export interface IntakeResult {
  received: number;
  accepted: number;
  duplicates: number;
  rejected: OpinionRowProblem[];
  /** what each accepted (or already known) item became */
  messages: Array<{
    index: number;
    id: string;
    level: OpinionLevel;
    category: OpinionCategory | null;
    incidentId: string | null;
    duplicate: boolean;
  }>;
}

export interface SlaView<T = string> {
  clock: SlaClock;
  level: OpinionLevel;
  startedAt: T;
  dueAt: T;
  /** when the clock was stopped (met or replaced), null while running */
  stoppedAt: T | null;
  warned50At: T | null;
  warned80At: T | null;
  breachedAt: T | null;
}

export interface IncidentListItem<T = string> {
  id: string;
  title: string;
  level: OpinionLevel;
  category: OpinionCategory | null;
  status: IncidentStatus;
  ownerRole: string;
  ownerId: string | null;
  ownerName: string | null;
  messageCount: number;
  households: number;
  communityId: string | null;
  communityName: string | null;
  pickupPointId: string | null;
  sku: string | null;
  batch: string | null;
  openedAt: T;
  lastMessageAt: T;
  acknowledgedAt: T | null;
  resolvedAt: T | null;
  escalations: number;
  /** the running clock, else the last one */
  sla: SlaView<T> | null;
}

export interface TimelineEntry<T = string> {
  at: T;
  kind: TimelineKind;
  actor: string;
  detail: Record<string, unknown>;
}

export interface RemedyView<T = string> {
  id: string;
  kind: RemedyKind;
  orderId: string | null;
  memberId: string | null;
  amountFen: number;
  note: string;
  by: string;
  at: T;
}

export interface IncidentDetail<T = string> extends IncidentListItem<T> {
  resolutionCode: ResolutionCode | null;
  resolutionNote: string | null;
  orderId: string | null;
  memberId: string | null;
  threadId: string | null;
  timeline: TimelineEntry<T>[];
  messages: OpinionMessageView<T>[];
  remedies: RemedyView<T>[];
  clocks: SlaView<T>[];
  /** food safety or quality with a SKU: affected buyers can be listed */
  affectedAvailable: boolean;
}

export interface AffectedMember<T = string> {
  memberId: string;
  externalId: string;
  nickname: string | null;
  phoneMasked: string | null;
  pickupPointId: string | null;
  pickupPointName: string | null;
  orders: number;
  quantity: number;
  amountFen: number;
  lastOrderAt: T;
  /** the member wrote one of the incident's messages */
  complained: boolean;
}

export interface AffectedView<T = string> {
  productId: string;
  sku: string | null;
  batch: string | null;
  pickupPointIds: string[] | null;
  from: T;
  to: T;
  members: AffectedMember<T>[];
  total: number;
}

export interface NotificationView<T = string> {
  id: string;
  at: T;
  kind: 'sla_warning' | 'sla_breach' | 'escalation' | 'level3' | 'assigned';
  incidentId: string | null;
  level: OpinionLevel;
  title: string;
  body: string;
  /** console, wecom (the operations group robot) or user (a named person, e.g. the on-call executive) */
  channel: 'console' | 'wecom' | 'user';
  recipient: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
}

export interface OpinionSettings<T = string> {
  /** households about one SKU or pickup point within the window that make an incident level 3 */
  scaleHouseholds: number;
  scaleWindowHours: number;
  /** messages about the same SKU, batch or pickup point this close together join one incident */
  groupWindowHours: number;
  /** SLA minutes per level */
  ackMinutes: number;
  resolveMinutes: number;
  closeMinutes: number;
  /** the operations WeCom group robot (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…) */
  wecomWebhookUrl: string | null;
  /** the username of the on-call executive notified on every breach */
  oncallExecutive: string | null;
  /** sources that have a webhook secret set (the secrets are never shown) */
  webhookSources: string[];
  updatedAt: T | null;
}

export interface NpsFigure {
  key: string;
  label: string;
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** −100 … 100 */
  nps: number | null;
  /** 95 % interval of the NPS from the multinomial variance of promoters − detractors */
  ciLow: number | null;
  ciHigh: number | null;
}

export interface NpsReport {
  overall: NpsFigure;
  byMonth: NpsFigure[];
  byCommunity: NpsFigure[];
  byLeader: NpsFigure[];
  /** the seed's case (−15 → +42): the trend to beat */
  benchmark: { from: number; to: number };
}

export interface NpsSurveyPublic<T = string> {
  token: string;
  trigger: 'pickup' | 'incident' | 'manual';
  communityName: string | null;
  sentAt: T;
  answered: boolean;
  expired: boolean;
}

export interface SlaAttainment {
  level: OpinionLevel;
  clock: SlaClock;
  total: number;
  met: number;
  breached: number;
  running: number;
  /** met ÷ (met + breached); null with none finished */
  rate: number | null;
}

export interface OpinionDashboard {
  from: string;
  to: string;
  incidents: number;
  sla: SlaAttainment[];
  /** minutes; bucket upper bounds with counts */
  timeToAcknowledge: { bucket: string; count: number }[];
  timeToResolve: { bucket: string; count: number }[];
  medianAckMinutes: number | null;
  medianResolveMinutes: number | null;
  byCategory: { key: string; count: number }[];
  byCommunity: { key: string; label: string; count: number }[];
  byLeader: { key: string; label: string; count: number }[];
  byLevel: { level: OpinionLevel; count: number }[];
}
