/**
 * Ids and keys of the opinion module. Ids carry their own prefixes (`opm_` messages, `opi_`
 * incidents, `opn_` notifications, `opr_` remedies, `nps_` surveys); a client's message id maps to
 * a stable row id, as everywhere else in Linli.
 */
import { hash, randomBytes } from 'node:crypto';
import type { Ctx } from '../../platform/context.ts';

export type OpinionIdPrefix = 'opm' | 'opi' | 'opn' | 'opr' | 'nps';

export function randomId(prefix: OpinionIdPrefix): string {
  return `${prefix}_${randomBytes(10).toString('hex')}`;
}

export function stableId(prefix: OpinionIdPrefix, ...parts: string[]): string {
  return `${prefix}_${hash('sha256', parts.join('\u0000'), 'hex').slice(0, 20)}`;
}

/** The row id of a message: derived from (source, client id) when there is one. */
export function messageIdOf(source: string, externalId: string | null | undefined): string {
  return externalId ? stableId('opm', source, externalId) : randomId('opm');
}

/**
 * A message folded for "the same text again": width and case folded, whitespace, punctuation,
 * symbols and emoji dropped. A flood of one message (copied with an extra "！" or a space) folds to
 * one key.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}\p{Extended_Pictographic}]|\u200d|\ufe0f/gu, '');
}

export function textHashOf(text: string): string {
  return hash('sha256', foldText(text).slice(0, 4_000), 'hex').slice(0, 32);
}

/** The subject of an incident's SLA clocks in `platform/sla.ts`. */
export const SLA_PREFIX = 'opinion:incident:';
export const slaSubject = (incidentId: string) => `${SLA_PREFIX}${incidentId}`;
export const incidentOfSubject = (subject: string) => subject.slice(SLA_PREFIX.length);

export const actorName = (ctx: Ctx): string =>
  ctx.actor.type === 'user' ? ctx.actor.username : `${ctx.actor.type}:${ctx.actor.id}`;

/** A secret token for a survey link: 24 url-safe characters, unguessable. */
export const surveyToken = (): string => randomBytes(18).toString('base64url');
