import type { Translate } from '../../app/i18n.tsx';
import type { Unit } from './model.ts';

/**
 * How a stored number is shown and typed: money is stored in fen and typed in yuan, shares are
 * stored 0…1 and typed as percent, durations in ms are typed in seconds.
 */
export interface UnitView {
  /** stored → shown */
  toView(v: number): number;
  /** shown → stored */
  fromView(v: number): number;
  prefix?: string;
  suffix?: string;
  precision: number;
}

const round = (v: number, digits: number) => Number(v.toFixed(digits));

export function unitView(unit: Unit | undefined, t: Translate): UnitView {
  switch (unit) {
    case 'fen':
      return { toView: (v) => v / 100, fromView: (v) => Math.round(v * 100), prefix: '¥', precision: 2 };
    case 'share':
      return {
        toView: (v) => round(v * 100, 4),
        fromView: (v) => round(v / 100, 6),
        suffix: '%',
        precision: 2,
      };
    case 'ms':
      return {
        toView: (v) => v / 1000,
        fromView: (v) => Math.round(v * 1000),
        suffix: t('rules.units.seconds'),
        precision: 1,
      };
    case 'days':
    case 'years':
    case 'stars':
      return { toView: (v) => v, fromView: (v) => v, suffix: t(`rules.units.${unit}`), precision: 1 };
    default:
      return { toView: (v) => v, fromView: (v) => v, precision: 4 };
  }
}

/** A stored number as an operator reads it: ¥12.50, 35%, 12 天. */
export function formatValue(v: unknown, unit: Unit | undefined, t: Translate): string {
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v !== 'number') return v === null || v === undefined ? '—' : String(v);
  const u = unitView(unit, t);
  const shown = round(u.toView(v), 2).toLocaleString('en-US', { maximumFractionDigits: 2 });
  const sep = u.suffix && /^[A-Za-z]/.test(u.suffix) ? ' ' : '';
  return `${u.prefix ?? ''}${shown}${u.suffix ? sep + u.suffix : ''}`;
}
