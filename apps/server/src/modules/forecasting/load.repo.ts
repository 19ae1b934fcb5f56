import { fetchRows, sql } from '../../platform/db/fragments.ts';
import type { Queryable } from '../../platform/db/sql.ts';
import { addDays } from '../../platform/shanghai.ts';
import { eventKpis } from '../activity/index.ts';
import { orderDemand } from '../commerce/index.ts';
import { pickupPointPlacesFragment } from '../communities/index.ts';
import { supplyFacts, type SupplyRow } from './supply.service.ts';

/** What a nightly run reads from the database, aggregated as far as SQL can take it. */
export interface RunInputs {
  pickupDate: string;
  /** first day of the history window */
  start: string;
  /** net demand per product, city ('' without one) and day */
  skuDays: Array<{
    productId: string;
    city: string;
    day: string;
    qty: number;
    orderedQty: number;
    orderedFen: number;
  }>;
  /** net demand per product and pickup point over the `shareDays` before the pickup date */
  pointRecent: Array<{ productId: string; pointId: string; city: string; qty: number }>;
  /** orders already placed for the pickup date, per product and pickup point */
  booked: Array<{ productId: string; pointId: string; city: string; qty: number }>;
  marks: Array<{ productId: string; day: string; pointId: string }>;
  heat: Array<{ productId: string; day: string; heat: number }>;
  weather: Array<{
    city: string;
    day: string;
    tempMax: number | null;
    tempMin: number | null;
    rainMm: number | null;
    alert: string;
  }>;
  /** per product: net quantity booked as long before pickup as tonight's book, and in all, over `shareDays` */
  bookedBefore: Array<{ productId: string; before: number; total: number }>;
  supply: SupplyRow[];
}

export const HISTORY_DAYS = 182;
export const HORIZON = 7;
export const SHARE_DAYS = 28;

const places = () => sql`(${pickupPointPlacesFragment()})`;

export async function loadRunInputs(
  db: Queryable,
  pickupDate: string,
  /** how long before the pickup day begins the order book is read */
  leadMinutes: number,
): Promise<RunInputs> {
  const windowStart = addDays(pickupDate, -HISTORY_DAYS);
  const recentStart = addDays(pickupDate, -SHARE_DAYS);
  const last = addDays(pickupDate, -1);
  const skuDays = await fetchRows<RunInputs['skuDays'][number]>(
    db,
    sql`SELECT d.product_id AS "productId", coalesce(pl.city, '') AS city, to_char(d.day, 'YYYY-MM-DD') AS day,
          sum(d.net_qty)::float8 AS qty, sum(d.ordered_qty)::float8 AS "orderedQty", sum(d.ordered_fen)::float8 AS "orderedFen"
        FROM demand_days d LEFT JOIN ${places()} pl ON pl.point_id = d.point_id
        WHERE d.day >= ${windowStart}::date AND d.day < ${pickupDate}::date
        GROUP BY 1, 2, 3`,
  );
  const start = skuDays.reduce((m, r) => (r.day < m ? r.day : m), last);
  const perPoint = (from: string, to: string) =>
    fetchRows<RunInputs['booked'][number]>(
      db,
      sql`SELECT d.product_id AS "productId", d.point_id AS "pointId", coalesce(pl.city, '') AS city,
            sum(d.net_qty)::float8 AS qty
          FROM demand_days d LEFT JOIN ${places()} pl ON pl.point_id = d.point_id
          WHERE d.day BETWEEN ${from}::date AND ${to}::date
          GROUP BY 1, 2, 3 HAVING sum(d.net_qty) > 0`,
    );
  const pointRecent = await perPoint(recentStart, last);
  const booked = await perPoint(pickupDate, pickupDate);
  const marks = await fetchRows<RunInputs['marks'][number]>(
    db,
    sql`SELECT product_id AS "productId", to_char(day, 'YYYY-MM-DD') AS day, point_id AS "pointId"
        FROM availability_marks WHERE day >= ${start}::date AND day < ${pickupDate}::date`,
  );
  const heat = await fetchRows<RunInputs['heat'][number]>(
    db,
    sql`SELECT h.product_id AS "productId", to_char(h.day, 'YYYY-MM-DD') AS day, h.heat
        FROM (${eventKpis.productHeatFragment(start, last)}) h`,
  );
  const weather = await fetchRows<RunInputs['weather'][number]>(
    db,
    sql`SELECT city, to_char(day, 'YYYY-MM-DD') AS day, temp_max AS "tempMax", temp_min AS "tempMin",
          rain_mm AS "rainMm", alert
        FROM weather_days WHERE day BETWEEN ${start}::date AND ${addDays(pickupDate, HORIZON - 1)}::date`,
  );
  const bookedBefore = await fetchRows<RunInputs['bookedBefore'][number]>(
    db,
    sql`SELECT b.product_id AS "productId", b.before_qty::float8 AS before, b.total_qty::float8 AS total
        FROM (${orderDemand.bookedBeforeFragment(recentStart, last, leadMinutes)}) b`,
  );
  const inPlay = new Set([...skuDays.map((r) => r.productId), ...booked.map((r) => r.productId)]);
  const supply = await supplyFacts(db, [...inPlay]);
  return { pickupDate, start, skuDays, pointRecent, booked, marks, heat, weather, bookedBefore, supply };
}
