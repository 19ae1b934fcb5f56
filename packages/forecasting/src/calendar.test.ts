import { describe, expect, it } from 'vitest';
import { dayCalendar } from './calendar.ts';

const isHoliday = (date: string, name: string) =>
  expect(dayCalendar(date), date).toMatchObject({
    holiday: true,
    makeupWorkday: false,
    dayOff: true,
    holidayName: name,
  });

const isMakeup = (date: string) => {
  const c = dayCalendar(date);
  expect(c, date).toMatchObject({ holiday: false, makeupWorkday: true, dayOff: false, holidayName: null });
  expect(c.weekday, date).toBeGreaterThanOrEqual(5);
};

const isPlainWorkday = (date: string) =>
  expect(dayCalendar(date), date).toMatchObject({ holiday: false, makeupWorkday: false, dayOff: false });

const eachDay = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

describe('dayCalendar: official schedules (国务院办公厅 notices)', () => {
  it('2019, with the New Year span from 2018-12-30 and the widened Labour Day', () => {
    isMakeup('2018-12-29');
    isHoliday('2018-12-30', 'new_year');
    isHoliday('2019-01-01', 'new_year');
    isMakeup('2019-02-02');
    isMakeup('2019-02-03');
    isHoliday('2019-02-05', 'spring_festival');
    isHoliday('2019-05-04', 'labour_day');
    isMakeup('2019-04-28');
    isMakeup('2019-05-05');
    // "4月5日放假，与周末连休": the Saturday is a weekend day off, not a holiday
    isHoliday('2019-04-05', 'qingming');
    expect(dayCalendar('2019-04-06')).toMatchObject({ holiday: false, dayOff: true, holidayName: null });
    isMakeup('2019-10-12');
  });

  it('2020, with the Spring Festival extended to 02-02', () => {
    isMakeup('2020-01-19');
    isHoliday('2020-01-24', 'spring_festival');
    isHoliday('2020-01-31', 'spring_festival');
    isHoliday('2020-02-01', 'spring_festival'); // the original makeup Saturday, cancelled
    isHoliday('2020-02-02', 'spring_festival');
    isPlainWorkday('2020-02-03');
    isHoliday('2020-10-08', 'national_day'); // Mid-Autumn + National Day combined
    isMakeup('2020-10-10');
  });

  it('2021 and 2022', () => {
    isHoliday('2021-02-17', 'spring_festival');
    isMakeup('2021-02-20');
    isMakeup('2021-09-18');
    isHoliday('2021-09-20', 'mid_autumn');
    isHoliday('2022-01-31', 'spring_festival');
    isMakeup('2022-01-29');
    isMakeup('2022-04-02');
    isHoliday('2022-04-30', 'labour_day');
    isHoliday('2022-05-04', 'labour_day');
    isMakeup('2022-10-08');
    isMakeup('2022-10-09');
  });

  it('2023', () => {
    isHoliday('2022-12-31', 'new_year');
    isHoliday('2023-01-02', 'new_year');
    isHoliday('2023-01-21', 'spring_festival');
    isHoliday('2023-01-27', 'spring_festival');
    isMakeup('2023-01-28');
    isMakeup('2023-01-29');
    isHoliday('2023-04-05', 'qingming');
    isPlainWorkday('2023-04-06');
    isMakeup('2023-06-25');
    isHoliday('2023-09-29', 'national_day');
    isHoliday('2023-10-01', 'national_day');
    isHoliday('2023-10-06', 'national_day');
    isMakeup('2023-10-07');
    isMakeup('2023-10-08');
  });

  it('2024, when 除夕 was still a working day', () => {
    isMakeup('2024-02-04');
    isPlainWorkday('2024-02-09');
    isHoliday('2024-02-10', 'spring_festival');
    isHoliday('2024-02-17', 'spring_festival');
    isMakeup('2024-02-18');
    isHoliday('2024-06-10', 'dragon_boat');
    isMakeup('2024-09-14');
    isHoliday('2024-09-17', 'mid_autumn');
    isMakeup('2024-10-12');
  });

  it('2025 and 2026 under the amended rules (除夕 off, longer Labour Day)', () => {
    isMakeup('2025-01-26');
    isHoliday('2025-01-28', 'spring_festival');
    isHoliday('2025-02-04', 'spring_festival');
    isMakeup('2025-02-08');
    isHoliday('2025-05-05', 'labour_day');
    isMakeup('2025-04-27');
    isHoliday('2025-10-06', 'national_day'); // 中秋 inside the combined period
    isHoliday('2025-10-08', 'national_day');
    isMakeup('2025-10-11');
    isHoliday('2026-01-03', 'new_year');
    isMakeup('2026-01-04');
    isMakeup('2026-02-14');
    isHoliday('2026-02-15', 'spring_festival');
    isHoliday('2026-02-23', 'spring_festival');
    isPlainWorkday('2026-02-24');
    isMakeup('2026-02-28');
    isMakeup('2026-05-09');
    isHoliday('2026-09-25', 'mid_autumn');
    isMakeup('2026-09-20');
    isHoliday('2026-10-07', 'national_day');
    isMakeup('2026-10-10');
  });

  it('counts days off and makeup days per calendar year as the notices give them', () => {
    // notice totals 24/30/31/31/27/28/28/33, moved by the spans that start in the previous December
    const holidays: Record<string, number> = {
      2019: 22,
      2020: 30,
      2021: 31,
      2022: 32,
      2023: 26,
      2024: 28,
      2025: 28,
      2026: 33,
    };
    const makeups: Record<string, number> = {
      2019: 6,
      2020: 6,
      2021: 7,
      2022: 7,
      2023: 7,
      2024: 8,
      2025: 5,
      2026: 6,
    };
    for (const [year, count] of Object.entries(holidays)) {
      const days = eachDay(`${year}-01-01`, `${year}-12-31`).map(dayCalendar);
      expect(days.filter((c) => c.holiday).length, year).toBe(count);
      expect(days.filter((c) => c.makeupWorkday).length, year).toBe(makeups[year]);
    }
  });

  it('keeps the flags consistent on every day of the table', () => {
    for (const date of eachDay('2018-12-01', '2027-01-31')) {
      const c = dayCalendar(date);
      expect(c.dayOff, date).toBe(!c.makeupWorkday && (c.holiday || c.weekday >= 5));
      expect(c.holiday && c.makeupWorkday, date).toBe(false);
      expect(c.holidayName !== null, date).toBe(c.holiday);
      if (c.makeupWorkday) expect(c.weekday, date).toBeGreaterThanOrEqual(5);
    }
  });

  it('has no holidays or makeup days outside the table; weekends stay days off', () => {
    expect(dayCalendar('2018-10-01')).toMatchObject({ holiday: false, holidayName: null, dayOff: false });
    expect(dayCalendar('2018-12-30')).toMatchObject({ holiday: true }); // the 2019 notice
    expect(dayCalendar('2027-10-01')).toMatchObject({ holiday: false, holidayName: null, dayOff: false });
    expect(dayCalendar('2027-10-02')).toMatchObject({ holiday: false, dayOff: true, makeupWorkday: false });
    expect(dayCalendar('2027-01-01').daysToNextHoliday).toBe(14);
  });
});

describe('dayCalendar: Spring Festival offset', () => {
  it('is 0 on 正月初一 and counts from the nearest one', () => {
    expect(dayCalendar('2022-02-01').springFestivalOffset).toBe(0);
    expect(dayCalendar('2024-02-10').springFestivalOffset).toBe(0);
    expect(dayCalendar('2026-02-17').springFestivalOffset).toBe(0);
    expect(dayCalendar('2028-01-26').springFestivalOffset).toBe(0);
    expect(dayCalendar('2018-02-16').springFestivalOffset).toBe(0);
    expect(dayCalendar('2025-01-28').springFestivalOffset).toBe(-1); // 除夕
    expect(dayCalendar('2023-01-21').springFestivalOffset).toBe(-1);
    expect(dayCalendar('2021-02-19').springFestivalOffset).toBe(7);
    expect(dayCalendar('2020-02-02').springFestivalOffset).toBe(8); // 正月初九, end of the extension
  });

  it('clamps to [-30, 30]', () => {
    expect(dayCalendar('2024-01-12').springFestivalOffset).toBe(-29);
    expect(dayCalendar('2024-01-11').springFestivalOffset).toBe(-30);
    expect(dayCalendar('2024-01-10').springFestivalOffset).toBe(-30);
    expect(dayCalendar('2024-03-10').springFestivalOffset).toBe(29); // 2024 is a leap year
    expect(dayCalendar('2024-03-12').springFestivalOffset).toBe(30);
    expect(dayCalendar('2024-07-01').springFestivalOffset).toBe(30);
    expect(dayCalendar('2024-12-01').springFestivalOffset).toBe(-30);
    expect(dayCalendar('2028-12-31').springFestivalOffset).toBe(-30); // 2029's festival is nearer
  });
});

describe('dayCalendar: days to the next holiday', () => {
  it('is 0 on a holiday and counts to the first day of the next period', () => {
    expect(dayCalendar('2023-09-29').daysToNextHoliday).toBe(0);
    expect(dayCalendar('2023-09-28').daysToNextHoliday).toBe(1);
    expect(dayCalendar('2024-02-04').daysToNextHoliday).toBe(6);
    expect(dayCalendar('2024-06-01').daysToNextHoliday).toBe(9);
    expect(dayCalendar('2025-12-25').daysToNextHoliday).toBe(7); // across the year end
    expect(dayCalendar('2022-12-30').daysToNextHoliday).toBe(1);
  });

  it('clamps to 14', () => {
    expect(dayCalendar('2024-09-16').daysToNextHoliday).toBe(0);
    expect(dayCalendar('2024-05-20').daysToNextHoliday).toBe(14);
    expect(dayCalendar('2024-05-27').daysToNextHoliday).toBe(14); // 06-10 is exactly 14 away
    expect(dayCalendar('2024-05-28').daysToNextHoliday).toBe(13);
    expect(dayCalendar('2026-12-31').daysToNextHoliday).toBe(14); // 2027 not in the table
  });
});

describe('dayCalendar: plain calendar fields', () => {
  it('numbers weekdays from Monday = 0 and months from 1', () => {
    expect(dayCalendar('2024-01-01')).toMatchObject({ weekday: 0, month: 1 });
    expect(dayCalendar('2023-01-01')).toMatchObject({ weekday: 6, month: 1 });
    expect(dayCalendar('2023-12-30')).toMatchObject({ weekday: 5, month: 12, dayOff: true });
    expect(dayCalendar('2000-02-29')).toMatchObject({ weekday: 1, month: 2 });
    expect(dayCalendar('2025-07-04')).toMatchObject({ weekday: 4, month: 7, dayOff: false });
  });

  it('marks the shopping festivals and the two days before each', () => {
    const festival = (date: string) => dayCalendar(date).shoppingFestival;
    expect(['06-15', '06-16', '06-17', '06-18', '06-19'].map((d) => festival(`2024-${d}`))).toEqual([
      null,
      'd618',
      'd618',
      'd618',
      null,
    ]);
    expect(['11-08', '11-09', '11-11', '11-12'].map((d) => festival(`2030-${d}`))).toEqual([
      null,
      'd1111',
      'd1111',
      null,
    ]);
    expect(['12-09', '12-10', '12-12', '12-13'].map((d) => festival(`2021-${d}`))).toEqual([
      null,
      'd1212',
      'd1212',
      null,
    ]);
    expect(festival('2024-01-11')).toBeNull();
  });

  it('throws a clear error for a malformed or impossible date', () => {
    for (const bad of ['', '2023-1-5', '20230105', '2023/01/05', '2023-02-29', '2023-13-01', '2023-04-31']) {
      expect(() => dayCalendar(bad), bad).toThrow(/YYYY-MM-DD/);
    }
    expect(() => dayCalendar(' 2023-01-05')).toThrow(Error);
    expect(() => dayCalendar('2023-01-05T00:00:00Z')).toThrow(Error);
    expect(dayCalendar('2024-02-29').month).toBe(2);
  });
});
