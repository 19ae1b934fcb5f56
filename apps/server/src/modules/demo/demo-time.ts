/**
 * Time arithmetic for the demo. Everything is stored as UTC instants (epoch ms); the business runs on
 * Asia/Shanghai time, which has had no daylight saving since 1991, so a fixed +8 h offset is exact.
 */
export type EpochMs = number;

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
const SHANGHAI_OFFSET = 8 * HOUR;

/** days since 1970-01-01 on the Shanghai calendar */
export function shanghaiDay(t: EpochMs): number {
  return Math.floor((t + SHANGHAI_OFFSET) / DAY);
}

/** the UTC instant of 00:00 Shanghai time on a Shanghai day */
export function shanghaiMidnight(day: number): EpochMs {
  return day * DAY - SHANGHAI_OFFSET;
}

export function shanghaiHour(t: EpochMs): number {
  return Math.floor(((t + SHANGHAI_OFFSET) % DAY) / HOUR);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday) */
export function weekdayOf(day: number): number {
  return (day + 4) % 7;
}

/** `YYYY-MM-DD` of a Shanghai day, for date columns such as pickup_date */
export function dayString(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** `YYYYMMDD`, for ids that name a day */
export function dayKey(day: number): string {
  return dayString(day).replaceAll('-', '');
}

/** First day (UTC) of every calendar month the range touches: the events partitions it needs. */
export function monthsCovering(from: EpochMs, to: EpochMs): string[] {
  const out: string[] = [];
  const d = new Date(from);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  while (Date.UTC(y, m, 1) <= to) {
    out.push(`${y}-${String(m + 1).padStart(2, '0')}-01`);
    m += 1;
    if (m === 12) [y, m] = [y + 1, 0];
  }
  return out;
}

/**
 * `YYYY-MM-DD HH:MM:SS+00` for COPY. Formatting a hundred million timestamps with toISOString costs
 * minutes, so the date part is cached per day and the time of day per second.
 */
export class TimestampFormatter {
  private readonly days = new Map<number, string>();
  private readonly times: string[] = [];

  constructor() {
    const two = (n: number) => (n < 10 ? `0${n}` : String(n));
    for (let s = 0; s < 86400; s++)
      this.times.push(`${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}+00`);
  }

  format(t: EpochMs): string {
    const day = Math.floor(t / DAY);
    let date = this.days.get(day);
    if (date === undefined) {
      date = `${new Date(day * DAY).toISOString().slice(0, 10)} `;
      this.days.set(day, date);
    }
    return date + this.times[Math.floor((t - day * DAY) / SECOND)]!;
  }
}
