/** Display rules shared by every page: money from fen, times in Asia/Shanghai. */

const ZONE = 'Asia/Shanghai';

export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** Large amounts on chart axes: ¥1.2万 / ¥3.4亿 in Chinese, ¥12.3k / ¥1.2M in English. */
export function yuanShort(fen: number, lang: string): string {
  const y = fen / 100;
  if (lang === 'zh-CN') {
    if (Math.abs(y) >= 1e8) return `¥${(y / 1e8).toFixed(1)}亿`;
    if (Math.abs(y) >= 1e4) return `¥${(y / 1e4).toFixed(1)}万`;
    return `¥${y.toFixed(0)}`;
  }
  if (Math.abs(y) >= 1e6) return `¥${(y / 1e6).toFixed(1)}M`;
  if (Math.abs(y) >= 1e3) return `¥${(y / 1e3).toFixed(1)}k`;
  return `¥${y.toFixed(0)}`;
}

export function int(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString('en-US');
}

export function pct(r: number | null | undefined, digits = 1): string {
  return r === null || r === undefined ? '—' : `${(r * 100).toFixed(digits)}%`;
}

const dateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const dateOnly = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `2026-11-26 17:05` in Shanghai time, whatever the browser's zone. */
export function shanghaiTime(at: string | Date | null | undefined): string {
  if (!at) return '—';
  return dateTime.format(new Date(at));
}

export function shanghaiDate(at: string | Date | null | undefined): string {
  if (!at) return '—';
  return dateOnly.format(new Date(at));
}

/** Today's calendar day in Shanghai, YYYY-MM-DD. */
export function shanghaiToday(): string {
  return dateOnly.format(new Date());
}
