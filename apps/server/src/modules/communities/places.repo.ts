import { sql, type SQL } from '../../platform/db/fragments.ts';

/**
 * (point_id, point_name, community_id, community_name, city) for every pickup point: where a
 * point's demand belongs for weather, and the names a purchase list shows.
 */
export function pickupPointPlacesFragment(): SQL {
  return sql`SELECT p.id AS point_id, p.name AS point_name, c.id AS community_id, c.name AS community_name, c.city
    FROM pickup_points p JOIN communities c ON c.id = p.community_id`;
}

/**
 * (community_id, community_name, point_id, point_name, leader_id, leader_name) for every pickup
 * point, plus one row per community without a point (point and leader null): who leads where, for
 * routing a complaint and for figures per leader.
 */
export function placesWithLeadersFragment(): SQL {
  return sql`SELECT c.id AS community_id, c.name AS community_name, p.id AS point_id, p.name AS point_name,
      l.id AS leader_id, l.name AS leader_name
    FROM communities c LEFT JOIN pickup_points p ON p.community_id = c.id LEFT JOIN leaders l ON l.id = p.leader_id`;
}
