import { sql, type SQL } from '../../platform/db/fragments.ts';

/**
 * (point_id, point_name, community_id, community_name, city) for every pickup point: where a
 * point's demand belongs for weather, and the names a purchase list shows.
 */
export function pickupPointPlacesFragment(): SQL {
  return sql`SELECT p.id AS point_id, p.name AS point_name, c.id AS community_id, c.name AS community_name, c.city
    FROM pickup_points p JOIN communities c ON c.id = p.community_id`;
}
