/**
 * `triage(text, context?)`: one message → level 0–3, routing category, reasons and the spans
 * behind them. Pure and synchronous; the only files read are `@linli/text`'s model and lexicons,
 * once. Never throws: a non-string is an empty message, and every input gets an answer.
 */
import {
  aspectsOfNormalized,
  complaintEmotion,
  normalize,
  segment,
  sentimentModel,
  sentimentOfNormalized,
  type SentimentModel,
} from '@linli/text';
import { read, warmUp } from './cues.ts';
import { decide } from './decide.ts';
import { ASPECT_CATEGORY, factsOf } from './facts.ts';
import {
  MAX_EVIDENCE,
  REASON_LEVEL,
  type Category,
  type Evidence,
  type Reason,
  type TriageContext,
  type TriageResult,
} from './types.ts';

const NONE: TriageResult = Object.freeze({
  level: 0,
  category: null,
  reasons: [],
  evidence: [],
}) as TriageResult;

let model: SentimentModel | undefined;

/** Messages up to this long are read for tone whole (most messages are). */
const WHOLE = 100;
/** A longer message is read for tone in a window of this size around the cue that asks. */
const WINDOW = 32;
/** Beyond this the normalised text is cut short (`@linli/text` keeps 2,000): windows are cut from the raw text. */
const LONG = 1500;

/** Loads the sentiment model and builds the matchers now, not on the first message (~0.1 s). */
export function prepareTriage(): void {
  model ??= sentimentModel();
  warmUp();
}

/** Only finite numbers count: a context from JSON may hold anything. */
function cleanContext(context: unknown): TriageContext {
  if (typeof context !== 'object' || context === null) return {};
  const c = context as Record<string, unknown>;
  const out: TriageContext = {};
  if (typeof c.priorOpenComplaints === 'number' && Number.isFinite(c.priorOpenComplaints))
    out.priorOpenComplaints = c.priorOpenComplaints;
  if (typeof c.orderAgeHours === 'number' && Number.isFinite(c.orderAgeHours))
    out.orderAgeHours = c.orderAgeHours;
  return out;
}

export function triage(text: unknown, context?: TriageContext): TriageResult {
  const raw = typeof text === 'string' ? text : '';
  if (raw.trim() === '') return { ...NONE, reasons: [], evidence: [] };
  model ??= sentimentModel();
  // normalised only when a rule asks for the tone or the aspects: many messages need neither
  let normalized: string | undefined;
  const norm = () => (normalized ??= normalize(raw));
  const tones = new Map<number, number>();
  const sentimentOf = (n: string) => (n ? sentimentOfNormalized(n, segment(n), model!).probability : 0.5);
  let anger: number | undefined;
  const tone = {
    // a long message is read around the cue: the tone there, not the average of all that is said
    // (and the model's cost grows with the length); a text with nothing left after normalisation
    // (only symbols, markup) has no tone either way
    positiveAt: (start: number, end: number) => {
      const from =
        raw.length <= WHOLE ? -1 : Math.max(0, Math.min(start - (WINDOW >> 2), raw.length - WINDOW));
      let p = tones.get(from);
      if (p === undefined) {
        const to = Math.max(end, from + WINDOW);
        let n: string;
        if (from < 0) n = norm();
        else if (raw.length > LONG) n = normalize(raw.slice(from, to));
        else {
          // the normalised text is about as long as the raw one: cut it at the same proportion
          const whole = norm();
          const scale = whole.length / raw.length;
          n = whole.slice(Math.floor(from * scale), Math.ceil(to * scale));
        }
        p = sentimentOf(n);
        tones.set(from, p);
      }
      return p;
    },
    anger: () =>
      (anger ??= norm()
        ? complaintEmotion(norm(), raw, raw.length <= WHOLE ? tone.positiveAt(0, 0) : 0.5).anger
        : 0),
  };
  const facts = factsOf(raw, read(raw), tone);
  const aspectCategory = (): Category | undefined => {
    const negative = aspectsOfNormalized(norm()).find((a) => a.polarity < 0);
    return negative ? ASPECT_CATEGORY[negative.aspect] : undefined;
  };
  const d = decide(facts, cleanContext(context), aspectCategory);
  if (d.level === 0) return { ...NONE, reasons: [], evidence: [] };
  return { level: d.level, category: d.category, reasons: d.reasons, evidence: evidenceOf(raw, d.because) };
}

/**
 * The spans behind the reasons in text order, overlapping spans merged (the number patterns and
 * the words often cover the same characters), each with the most severe reason it supports.
 */
function evidenceOf(
  text: string,
  because: ReadonlyMap<Reason, ReadonlyArray<{ start: number; end: number }>>,
) {
  const spans: Evidence[] = [];
  for (const [reason, cues] of because)
    for (const c of cues) spans.push({ reason, start: c.start, end: c.end, text: '' });
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Evidence[] = [];
  for (const s of spans) {
    const last = out.at(-1);
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      if (REASON_LEVEL[s.reason] > REASON_LEVEL[last.reason]) last.reason = s.reason;
    } else out.push({ ...s });
  }
  for (const e of out) e.text = text.slice(e.start, e.end);
  return out.slice(0, MAX_EVIDENCE);
}
