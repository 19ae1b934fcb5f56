import { recordAudit } from '../../platform/audit.ts';
import { isValidDate } from '../../platform/batch.ts';
import type { Ctx } from '../../platform/context.ts';
import { rows, withTransaction } from '../../platform/db/sql.ts';
import { addDays, shanghaiDay } from '../../platform/shanghai.ts';
import { dayOf, numberOf, problemsFor, readInput, type ImportResult } from './table-input.ts';

export const WEATHER_ALERTS = ['none', 'heat', 'typhoon', 'rainstorm'] as const;
export type WeatherAlert = (typeof WEATHER_ALERTS)[number];

const ALIASES = {
  city: ['城市', 'city_name', '城市名称'],
  date: ['日期', 'day'],
  tempMax: ['temp_max', 'max_temp', 'high', '最高气温', '最高温度', '最高温'],
  tempMin: ['temp_min', 'min_temp', 'low', '最低气温', '最低温度', '最低温'],
  rainMm: ['rain_mm', 'rain', 'precipitation', '降水量', '降雨量', '降水', '降水量mm'],
  alert: ['预警', 'warning', '天气预警', '预警类型'],
};

const ALERT_WORDS: Record<string, WeatherAlert> = {
  none: 'none',
  无: 'none',
  heat: 'heat',
  高温: 'heat',
  typhoon: 'typhoon',
  台风: 'typhoon',
  rainstorm: 'rainstorm',
  暴雨: 'rainstorm',
};

/** A forecast reaches about two weeks ahead; further than this is a typo in the date. */
const MAX_AHEAD_DAYS = 30;

interface WeatherRow {
  city: string;
  day: string;
  tempMax: number | null;
  tempMin: number | null;
  rainMm: number | null;
  alert: WeatherAlert;
}

/**
 * Imports daily weather per city (observed days and the forecast ahead): CSV or JSON items. Each
 * row is checked on its own and every problem names the row, the field and why; valid rows are
 * stored (a re-import of the same day replaces it), the others listed.
 */
export async function importWeather(ctx: Ctx, body: unknown): Promise<ImportResult> {
  const input = readInput(body, ALIASES, ['city', 'date'], 'weather');
  const problems = problemsFor(input);
  const latest = addDays(shanghaiDay(new Date()), MAX_AHEAD_DAYS);
  const seen = new Map<string, number>();
  const valid: WeatherRow[] = [];
  input.items.forEach((raw, i) => {
    const bad = (field: string, reason: string, code: string) => problems.add(i, field, reason, code);
    const city = typeof raw.city === 'string' ? raw.city.trim() : '';
    if (!city) bad('city', 'missing', 'city_missing');
    else if (city.length > 64) bad('city', 'longer than 64 characters', 'city_invalid');
    const day = dayOf(raw.date);
    if (!isValidDate(day))
      bad('date', `not a date YYYY-MM-DD: ${JSON.stringify(raw.date ?? '')}`, 'date_invalid');
    else if (day > latest) bad('date', `${day} is more than ${MAX_AHEAD_DAYS} days ahead`, 'date_too_far');
    const temp = (field: 'tempMax' | 'tempMin') => {
      const v = numberOf(raw[field]);
      if (v === undefined) return null;
      if (!Number.isFinite(v))
        bad(field, `not a number: ${JSON.stringify(raw[field])}`, `${snake(field)}_invalid`);
      else if (v < -60 || v > 60) bad(field, `${v} °C is outside −60 … 60`, `${snake(field)}_out_of_range`);
      return v;
    };
    const tempMax = temp('tempMax');
    const tempMin = temp('tempMin');
    if (tempMax !== null && tempMin !== null && tempMin > tempMax)
      bad('tempMin', `the low ${tempMin} °C is above the high ${tempMax} °C`, 'temp_min_above_max');
    const rainMm = numberOf(raw.rainMm) ?? null;
    if (rainMm !== null && !(rainMm >= 0 && rainMm <= 2000))
      bad(
        'rainMm',
        Number.isFinite(rainMm)
          ? `${rainMm} mm is outside 0 … 2000`
          : `not a number: ${JSON.stringify(raw.rainMm)}`,
        'rain_mm_invalid',
      );
    const word =
      raw.alert === undefined || raw.alert === null ? 'none' : String(raw.alert).trim().toLowerCase();
    const alert = ALERT_WORDS[word || 'none'];
    if (!alert)
      bad(
        'alert',
        `${JSON.stringify(raw.alert)} is not one of none, heat, typhoon, rainstorm (无/高温/台风/暴雨)`,
        'alert_invalid',
      );
    if (tempMax === null && tempMin === null && rainMm === null && (alert ?? 'none') === 'none')
      bad('(row)', 'no temperature, rain or alert given', 'weather_empty');
    if (problems.has(i)) return;
    const key = `${city}|${day}`;
    const first = seen.get(key);
    if (first !== undefined) {
      bad(
        'date',
        `${city} ${day} already given in item ${first}${rowText(input.lines, first)}`,
        'duplicate_row',
      );
      return;
    }
    seen.set(key, i);
    valid.push({ city, day, tempMax, tempMin, rainMm, alert: alert! });
  });
  await withTransaction(ctx.database, async (tx) => {
    if (valid.length)
      await tx.query(
        `INSERT INTO weather_days (city, day, temp_max, temp_min, rain_mm, alert, updated_at)
         SELECT c, d, hi, lo, r, a, now()
         FROM unnest($1::text[], $2::date[], $3::float8[], $4::float8[], $5::float8[], $6::text[]) AS t(c, d, hi, lo, r, a)
         ON CONFLICT (city, day) DO UPDATE SET temp_max = excluded.temp_max, temp_min = excluded.temp_min,
           rain_mm = excluded.rain_mm, alert = excluded.alert, updated_at = now()`,
        [
          valid.map((v) => v.city),
          valid.map((v) => v.day),
          valid.map((v) => v.tempMax),
          valid.map((v) => v.tempMin),
          valid.map((v) => v.rainMm),
          valid.map((v) => v.alert),
        ],
      );
    await recordAudit(
      ctx,
      {
        action: 'import',
        entity: 'weather_days',
        after: { received: input.items.length, accepted: valid.length, rejected: problems.list.length },
      },
      tx,
    );
  });
  return { received: input.items.length, accepted: valid.length, rejected: problems.list };
}

const snake = (f: string) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const rowText = (lines: number[] | null, i: number) => (lines ? ` (row ${lines[i]})` : '');

export interface WeatherDay {
  city: string;
  date: string;
  tempMax: number | null;
  tempMin: number | null;
  rainMm: number | null;
  alert: WeatherAlert;
}

/** Stored weather, optionally of one city, between two dates. */
export async function listWeather(
  ctx: Ctx,
  q: { city?: string | undefined; from: string; to: string },
): Promise<{ items: WeatherDay[] }> {
  const items = await rows<WeatherDay>(
    ctx.database.pool,
    `SELECT city, to_char(day, 'YYYY-MM-DD') AS date, temp_max AS "tempMax", temp_min AS "tempMin",
            rain_mm AS "rainMm", alert
     FROM weather_days WHERE ($1::text IS NULL OR city = $1) AND day BETWEEN $2::date AND $3::date
     ORDER BY city, day LIMIT 5000`,
    [q.city ?? null, q.from, q.to],
  );
  return { items };
}
