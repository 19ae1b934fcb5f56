// The Chinese retail calendar, as regressors for the demand model: demand for fresh food moves with
// days off, the run-up to a holiday, the Spring Festival and the e-commerce shopping festivals.
//
// Holidays and makeup working days come only from the State Council's yearly notices (国务院办公厅
// 关于 YYYY 年部分节假日安排的通知), because the working pattern is decided each year and cannot be
// derived. Outside the years of the table (2019–2026) `holiday` and `makeupWorkday` are false,
// `holidayName` is null and `daysToNextHoliday` is 14: weekends still count as days off, so an old or
// not yet announced year degrades to a plain weekly calendar instead of guessing. Extend SCHEDULES
// when a new notice is published (usually in November for the following year).

export type HolidayName =
  'new_year' | 'spring_festival' | 'qingming' | 'labour_day' | 'dragon_boat' | 'mid_autumn' | 'national_day';

export type ShoppingFestival = 'd618' | 'd1111' | 'd1212';

export interface DayCalendar {
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
  /** 1–12 */
  month: number;
  /** statutory public holiday day off (法定节假日放假), including the bridged days of the official schedule */
  holiday: boolean;
  /** 调休上班: a Saturday or Sunday that is an official working day */
  makeupWorkday: boolean;
  /** weekend or holiday, and not a makeup workday */
  dayOff: boolean;
  /** the holiday period this day belongs to; a combined Mid-Autumn + National Day period is 'national_day' */
  holidayName: HolidayName | null;
  /** days from the nearest 正月初一 (0 on it, negative before), clamped to [-30, 30] */
  springFestivalOffset: number;
  /** days until the first day of the next holiday period, clamped to 14; 0 on a holiday */
  daysToNextHoliday: number;
  /** 6-18, 11-11, 12-12 and the two days before each */
  shoppingFestival: ShoppingFestival | null;
}

/** [holiday, first day, number of days] exactly as the notice states the 放假 span. */
type Period = readonly [HolidayName, string, number];
interface Schedule {
  periods: readonly Period[];
  makeup: readonly string[];
}

// Dates are 'MM-DD' in the notice's year, or a full date where the notice reaches into the previous
// December. Single days "与周末连休" are recorded as the single day the notice names: the adjoining
// weekend is a day off anyway, and keeping the notice's wording keeps the table checkable.
const SCHEDULES: Readonly<Record<number, Schedule>> = {
  // 国办发明电〔2018〕15号; Labour Day widened to 1–4 May by 国办发明电〔2019〕3号 (2019-03-22)
  2019: {
    periods: [
      ['new_year', '2018-12-30', 3],
      ['spring_festival', '02-04', 7],
      ['qingming', '04-05', 1],
      ['labour_day', '05-01', 4],
      ['dragon_boat', '06-07', 1],
      ['mid_autumn', '09-13', 1],
      ['national_day', '10-01', 7],
    ],
    makeup: ['2018-12-29', '02-02', '02-03', '04-28', '05-05', '09-29', '10-12'],
  },
  // 国办发明电〔2019〕16号; Spring Festival extended to 2 February (COVID-19) by 国办发明电〔2020〕1号
  // (2020-01-27), which also turned the makeup Saturday 02-01 into a day off
  2020: {
    periods: [
      ['new_year', '01-01', 1],
      ['spring_festival', '01-24', 10],
      ['qingming', '04-04', 3],
      ['labour_day', '05-01', 5],
      ['dragon_boat', '06-25', 3],
      ['national_day', '10-01', 8],
    ],
    makeup: ['01-19', '04-26', '05-09', '06-28', '09-27', '10-10'],
  },
  // 国办发明电〔2020〕27号
  2021: {
    periods: [
      ['new_year', '01-01', 3],
      ['spring_festival', '02-11', 7],
      ['qingming', '04-03', 3],
      ['labour_day', '05-01', 5],
      ['dragon_boat', '06-12', 3],
      ['mid_autumn', '09-19', 3],
      ['national_day', '10-01', 7],
    ],
    makeup: ['02-07', '02-20', '04-25', '05-08', '09-18', '09-26', '10-09'],
  },
  // 国办发明电〔2021〕11号
  2022: {
    periods: [
      ['new_year', '01-01', 3],
      ['spring_festival', '01-31', 7],
      ['qingming', '04-03', 3],
      ['labour_day', '04-30', 5],
      ['dragon_boat', '06-03', 3],
      ['mid_autumn', '09-10', 3],
      ['national_day', '10-01', 7],
    ],
    makeup: ['01-29', '01-30', '04-02', '04-24', '05-07', '10-08', '10-09'],
  },
  // 国办发明电〔2022〕16号
  2023: {
    periods: [
      ['new_year', '2022-12-31', 3],
      ['spring_festival', '01-21', 7],
      ['qingming', '04-05', 1],
      ['labour_day', '04-29', 5],
      ['dragon_boat', '06-22', 3],
      ['national_day', '09-29', 8],
    ],
    makeup: ['01-28', '01-29', '04-23', '05-06', '06-25', '10-07', '10-08'],
  },
  // 国办发明电〔2023〕7号 (除夕 02-09 was only "encouraged" off, so it stays a working day here)
  2024: {
    periods: [
      ['new_year', '01-01', 1],
      ['spring_festival', '02-10', 8],
      ['qingming', '04-04', 3],
      ['labour_day', '05-01', 5],
      ['dragon_boat', '06-10', 1],
      ['mid_autumn', '09-15', 3],
      ['national_day', '10-01', 7],
    ],
    makeup: ['02-04', '02-18', '04-07', '04-28', '05-11', '09-14', '09-29', '10-12'],
  },
  // 国办发明电〔2024〕12号, the first under the 2024 amendment of 《全国年节及纪念日放假办法》:
  // 除夕 and a second Labour Day become statutory, so Spring Festival starts on 除夕
  2025: {
    periods: [
      ['new_year', '01-01', 1],
      ['spring_festival', '01-28', 8],
      ['qingming', '04-04', 3],
      ['labour_day', '05-01', 5],
      ['dragon_boat', '05-31', 3],
      ['national_day', '10-01', 8],
    ],
    makeup: ['01-26', '02-08', '04-27', '09-28', '10-11'],
  },
  // 国办发明电〔2025〕7号 (Spring Festival 腊月二十八 to 正月初七, 9 days)
  2026: {
    periods: [
      ['new_year', '01-01', 3],
      ['spring_festival', '02-15', 9],
      ['qingming', '04-04', 3],
      ['labour_day', '05-01', 5],
      ['dragon_boat', '06-19', 3],
      ['mid_autumn', '09-25', 3],
      ['national_day', '10-01', 7],
    ],
    makeup: ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10'],
  },
};

// 正月初一 for 2018–2028. 2029 is there only so that late-2028 dates measure against the coming
// festival rather than the past one; outside this range the offset saturates and is not meaningful.
const LUNAR_NEW_YEAR = [
  '2018-02-16',
  '2019-02-05',
  '2020-01-25',
  '2021-02-12',
  '2022-02-01',
  '2023-01-22',
  '2024-02-10',
  '2025-01-29',
  '2026-02-17',
  '2027-02-06',
  '2028-01-26',
  '2029-02-13',
];

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01, or null if the string is not an existing date. */
function epochDay(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years 0–99 literal
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.getTime() / DAY_MS;
}

function tableDay(year: number, date: string): number {
  const day = epochDay(date.length === 5 ? `${year}-${date}` : date);
  if (day === null) throw new Error(`calendar table: bad date ${date} for ${year}`);
  return day;
}

const HOLIDAY_BY_DAY = new Map<number, HolidayName>();
const MAKEUP_DAYS = new Set<number>();
const PERIOD_STARTS: number[] = [];
for (const [yearKey, schedule] of Object.entries(SCHEDULES)) {
  const year = Number(yearKey);
  for (const [name, first, length] of schedule.periods) {
    const start = tableDay(year, first);
    PERIOD_STARTS.push(start);
    for (let i = 0; i < length; i++) HOLIDAY_BY_DAY.set(start + i, name);
  }
  for (const date of schedule.makeup) MAKEUP_DAYS.add(tableDay(year, date));
}
PERIOD_STARTS.sort((a, b) => a - b);
const NEW_YEAR_DAYS = LUNAR_NEW_YEAR.map((date) => tableDay(0, date));

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

function shoppingFestival(month: number, day: number): ShoppingFestival | null {
  if (month === 6 && day >= 16 && day <= 18) return 'd618';
  if (month === 11 && day >= 9 && day <= 11) return 'd1111';
  if (month === 12 && day >= 10 && day <= 12) return 'd1212';
  return null;
}

/** The calendar regressors of one day, given as 'YYYY-MM-DD'. Throws on anything else. */
export function dayCalendar(date: string): DayCalendar {
  const day = epochDay(date);
  if (day === null) {
    throw new Error(`dayCalendar: expected an existing date as 'YYYY-MM-DD', got ${JSON.stringify(date)}`);
  }
  const d = new Date(day * DAY_MS);
  const weekday = (d.getUTCDay() + 6) % 7;
  const month = d.getUTCMonth() + 1;
  const holidayName = HOLIDAY_BY_DAY.get(day) ?? null;
  const holiday = holidayName !== null;
  const makeupWorkday = MAKEUP_DAYS.has(day);

  let nearest = Infinity;
  for (const ny of NEW_YEAR_DAYS) if (Math.abs(day - ny) < Math.abs(nearest)) nearest = day - ny;

  const nextStart = PERIOD_STARTS.find((start) => start > day);
  const daysToNextHoliday = holiday ? 0 : nextStart === undefined ? 14 : Math.min(14, nextStart - day);

  return {
    weekday,
    month,
    holiday,
    makeupWorkday,
    dayOff: !makeupWorkday && (holiday || weekday >= 5),
    holidayName,
    springFestivalOffset: clamp(nearest, -30, 30),
    daysToNextHoliday,
    shoppingFestival: shoppingFestival(month, d.getUTCDate()),
  };
}
