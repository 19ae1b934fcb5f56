/**
 * Member-written text (reviews, complaints, comments) passes the compliance screen before the
 * console or the H5 shows it: what stage 1 blocks — a stranger's phone number, porn spam, gambling —
 * is masked in place. The modules that show such text (activity's timeline, text's explorer) stand
 * below the compliance module, so they reach its live rule book through this hook, which the
 * compliance module installs (as SLA handlers are registered). Until it does, the shipped packs
 * screen the text: nothing is ever shown unscreened.
 */
import { scan, type ScanResult } from '@linli/compliance';
import type { Queryable } from './db/sql.ts';

/** What a screen answers per text: the text to show (masked where needed) and the verdict. */
export interface ScreenedText {
  text: string;
  verdict: ScanResult['verdict'];
  masked: boolean;
}

export type UgcScreen = (db: Queryable, texts: string[]) => Promise<ScreenedText[]>;

/** Each character of a blocked span becomes ＊: the reader sees that something was there. */
export function maskBlocked(text: string, r: ScanResult): ScreenedText {
  const spans = r.violations.filter((v) => v.severity === 'block');
  if (spans.length === 0) return { text, verdict: r.verdict, masked: false };
  const chars = [...text];
  // offsets are UTF-16; walk code points and mask those starting inside a span
  let at = 0;
  const out = chars.map((ch) => {
    const hit = spans.some((s) => at >= s.start && at < s.end);
    at += ch.length;
    return hit ? '＊' : ch;
  });
  return { text: out.join(''), verdict: r.verdict, masked: true };
}

const shippedScreen: UgcScreen = (_db, texts) => Promise.resolve(texts.map((t) => maskBlocked(t, scan(t))));

let current: UgcScreen = shippedScreen;

export function setUgcScreen(screen: UgcScreen | null): void {
  current = screen ?? shippedScreen;
}

/** Screens the `text` of each row (rows without text pass as they are); rows keep their order. */
export async function screenUgc<T extends object>(db: Queryable, list: T[]): Promise<T[]> {
  const textOf = (r: T) => (r as { text?: unknown }).text;
  const at = list.flatMap((r, i) => {
    const t = textOf(r);
    return typeof t === 'string' && t !== '' ? [i] : [];
  });
  if (at.length === 0) return list;
  const shown = await current(
    db,
    at.map((i) => textOf(list[i]!) as string),
  );
  const out = [...list];
  at.forEach((i, k) => {
    if (shown[k]!.masked) out[i] = { ...list[i]!, text: shown[k]!.text };
  });
  return out;
}
