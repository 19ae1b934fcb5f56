/**
 * Cell value parsers for file imports. Every function takes the trimmed text of one cell and
 * returns either the value or a reason a person can act on, with a stable code.
 *
 * Times without an offset are wall-clock times in Asia/Shanghai (UTC+8; China has not observed
 * daylight saving time since 1991, so a fixed offset is exact for any data this platform sees).
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string; code: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (code: string, reason: string): Parsed<never> => ({ ok: false, reason, code });

/** Largest value of a Postgres `integer`, which is what every *_fen column is. */
export const MAX_FEN = 2_147_483_647;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

const show = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

// ---------------------------------------------------------------------------------------------
// Decimal numbers without floating point error

interface Decimal {
  negative: boolean;
  /** all significant digits, no sign, no point */
  digits: string;
  /** value = digits × 10^exponent */
  exponent: number;
}

/** Parses `-12.345`, `1e3`, `4.44e-16`, `.5`; null when it is not a plain decimal number. */
export function parseDecimal(input: string): Decimal | null {
  const m = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/.exec(input.trim());
  if (!m) return null;
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  if (intPart === '' && fracPart === '') return null;
  const digits = (intPart + fracPart).replace(/^0+(?=\d)/, '');
  return { negative: m[1] === '-', digits, exponent: Number(m[4] ?? 0) - fracPart.length };
}

/**
 * `value × 10^scale` as an integer. `exact` refuses digits that would be lost; `round` rounds half
 * away from zero on the decimal digits themselves (so 1.005 → 101 at scale 2, unlike floats).
 * Returns null when the number does not fit a safe integer.
 */
export function scaleDecimal(
  d: Decimal,
  scale: number,
  mode: 'exact' | 'round',
): { value: number; lost: boolean } | null {
  const shift = d.exponent + scale;
  let kept: string;
  let roundUp = false;
  let lost = false;
  if (shift >= 0) {
    kept = d.digits + '0'.repeat(Math.min(shift, 30));
  } else {
    const cut = d.digits.length + shift; // digits kept before the point
    kept = cut > 0 ? d.digits.slice(0, cut) : '0';
    const dropped = cut > 0 ? d.digits.slice(cut) : '0'.repeat(-cut) + d.digits;
    lost = /[1-9]/.test(dropped);
    roundUp = mode === 'round' && dropped.length > 0 && dropped[0]! >= '5';
  }
  const n = Number(kept) + (roundUp ? 1 : 0);
  if (!Number.isSafeInteger(n)) return null;
  const value = d.negative && n !== 0 ? -n : n;
  return { value, lost };
}

// ---------------------------------------------------------------------------------------------
// Money and quantities

/** Integer fen: `1250`, also `1250.00`; rejects fractional fen, negatives and words. */
export function parseFen(input: string): Parsed<number> {
  const d = parseDecimal(input);
  if (!d) return bad('import.not_a_number', `${show(input)} is not a number`);
  const scaled = scaleDecimal(d, 0, 'exact');
  if (!scaled || Math.abs(scaled.value) > MAX_FEN)
    return bad('import.too_large', `${show(input)} is too large (at most ${MAX_FEN} fen)`);
  if (scaled.lost)
    return bad('import.fractional_fen', `${show(input)} has a fraction of a fen; fen must be a whole number`);
  if (d.negative && scaled.value !== 0)
    return bad('import.negative', `${show(input)} is negative; amounts must be 0 or more`);
  return ok(Math.abs(scaled.value));
}

/** Yuan with at most 2 decimals (`12.5`, `¥12.50`, `12元`) → fen, exactly. */
export function parseYuanToFen(input: string): Parsed<number> {
  const cleaned = input.replace(/^[¥￥]\s*/, '').replace(/\s*元$/, '');
  const d = parseDecimal(cleaned);
  if (!d || /[eE]/.test(cleaned))
    return bad('import.not_a_number', `${show(input)} is not an amount in yuan`);
  const scaled = scaleDecimal(d, 2, 'exact');
  if (!scaled || Math.abs(scaled.value) > MAX_FEN)
    return bad('import.too_large', `${show(input)} is too large`);
  if (scaled.lost)
    return bad(
      'import.too_many_decimals',
      `${show(input)} has more than 2 decimal places; yuan amounts go to the fen (0.01)`,
    );
  if (d.negative && scaled.value !== 0)
    return bad('import.negative', `${show(input)} is negative; amounts must be 0 or more`);
  return ok(Math.abs(scaled.value));
}

/** Dollars/yuan with any number of decimals, rounded half away from zero to the fen (for data sets). */
export function roundToFen(input: string): number | null {
  const d = parseDecimal(input);
  if (!d) return null;
  return scaleDecimal(d, 2, 'round')?.value ?? null;
}

/** A quantity > 0 with at most 3 decimals (orders store numeric(12,3)): `2`, `1.5` (斤). */
export function parseQuantity(input: string): Parsed<number> {
  const d = parseDecimal(input);
  if (!d || /[eE]/.test(input)) return bad('import.not_a_number', `${show(input)} is not a number`);
  const scaled = scaleDecimal(d, 3, 'exact');
  if (!scaled || Math.abs(scaled.value) >= 1e12)
    return bad('import.too_large', `${show(input)} is too large`);
  if (scaled.lost) return bad('import.too_many_decimals', `${show(input)} has more than 3 decimal places`);
  if (scaled.value < 0)
    return bad('import.negative', `${show(input)} is negative; quantity must be more than 0`);
  if (scaled.value === 0) return bad('import.out_of_range', 'quantity must be more than 0');
  return ok(scaled.value / 1000);
}

/** A whole number within [min, max]. */
export function parseInteger(input: string, min: number, max: number): Parsed<number> {
  const d = parseDecimal(input);
  if (!d || /[eE]/.test(input)) return bad('import.not_a_number', `${show(input)} is not a number`);
  const scaled = scaleDecimal(d, 0, 'exact');
  if (!scaled) return bad('import.too_large', `${show(input)} is too large`);
  if (scaled.lost) return bad('import.not_an_integer', `${show(input)} must be a whole number`);
  if (scaled.value < 0 && min >= 0)
    return bad('import.negative', `${show(input)} is negative; it must be ${min} or more`);
  if (scaled.value < min || scaled.value > max)
    return bad('import.out_of_range', `${show(input)} must be between ${min} and ${max}`);
  return ok(scaled.value);
}

// ---------------------------------------------------------------------------------------------
// Booleans and enumerations

const TRUE_WORDS = new Set(['true', 't', '1', 'yes', 'y', '是', '有', '√', '✓', 'on']);
const FALSE_WORDS = new Set(['false', 'f', '0', 'no', 'n', '否', '无', '×', '✗', 'off']);

export function parseBoolean(input: string): Parsed<boolean> {
  const s = input.trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return ok(true);
  if (FALSE_WORDS.has(s)) return ok(false);
  return bad('import.invalid_boolean', `${show(input)} is not a yes/no value (use true/false, 1/0 or 是/否)`);
}

/** Matches a value against allowed codes (case-insensitive) plus aliases such as 男 → male. */
export function parseEnum<T extends string>(
  input: string,
  allowed: readonly T[],
  aliases: Record<string, T> = {},
): Parsed<T> {
  const s = input.trim().toLowerCase();
  const hit = allowed.find((a) => a === s) ?? aliases[s];
  if (hit) return ok(hit);
  return bad('import.invalid_value', `${show(input)} is not one of ${allowed.join(', ')}`);
}

// ---------------------------------------------------------------------------------------------
// Dates and times

function validParts(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const LOCAL_TIME =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?$/;

/**
 * An instant → ISO 8601 UTC (`2026-11-26T00:30:00.000Z`). Accepts ISO 8601 with an offset, or
 * `YYYY-MM-DD HH:mm[:ss]` / `YYYY/M/D H:mm` / `YYYY-MM-DD` without one, read as Asia/Shanghai time.
 */
export function parseInstant(input: string): Parsed<string> {
  const s = input.trim();
  let m = ISO_WITH_OFFSET.exec(s);
  if (m) {
    const [y, mo, d, h, mi, sec] = timeParts(m);
    if (!validParts(y, mo, d, h, mi, sec))
      return bad('import.invalid_time', `${show(input)} is not a real date and time`);
    const ms = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
    const zone = m[8]!.toUpperCase();
    let offsetMin = 0;
    if (zone !== 'Z') {
      const digits = zone.slice(1).replace(':', '');
      const oh = Number(digits.slice(0, 2));
      const om = Number(digits.slice(2) || '0');
      if (oh > 14 || om > 59)
        return bad('import.invalid_time', `${show(input)} has an impossible UTC offset`);
      offsetMin = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
    }
    return ok(new Date(Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offsetMin * 60_000).toISOString());
  }
  m = LOCAL_TIME.exec(s);
  if (m) {
    const [y, mo, d, h, mi, sec] = timeParts(m);
    if (!validParts(y, mo, d, h, mi, sec))
      return bad('import.invalid_time', `${show(input)} is not a real date and time`);
    const ms = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
    return ok(new Date(Date.UTC(y, mo - 1, d, h, mi, sec, ms) - SHANGHAI_OFFSET_MS).toISOString());
  }
  return bad(
    'import.invalid_time',
    `${show(input)} is not a time; use ISO 8601 with an offset (2026-11-26T08:30:00+08:00) or 'YYYY-MM-DD HH:mm:ss' (Asia/Shanghai)`,
  );
}

/** A calendar date → `YYYY-MM-DD`. Accepts `2026-1-5`, `2026/01/05`, `20260105`, and a midnight time after it (Excel). */
export function parseDate(input: string): Parsed<string> {
  const s = input.trim().replace(/[T ]+0{1,2}:00(?::00(?:\.0+)?)?$/, '');
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return bad('import.invalid_date', `${show(input)} is not a date; use YYYY-MM-DD`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validParts(y, mo, d)) return bad('import.invalid_date', `${show(input)} is not a real calendar date`);
  return ok(`${pad(y, 4)}-${pad(mo)}-${pad(d)}`);
}

/** A JSON object (for `properties`). */
export function parseJsonObject(input: string): Parsed<Record<string, unknown>> {
  let v: unknown;
  try {
    v = JSON.parse(input);
  } catch {
    return bad('import.invalid_json', `${show(input)} is not valid JSON`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return bad('import.invalid_json', 'must be a JSON object such as {"channel":"group"}');
  return ok(v as Record<string, unknown>);
}

/** year, month, day, hour, minute, second of a time regex match (missing parts are 0) */
function timeParts(m: RegExpExecArray): [number, number, number, number, number, number] {
  return [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
}
