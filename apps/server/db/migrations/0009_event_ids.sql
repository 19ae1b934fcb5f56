CREATE TABLE "event_ids" (
	"id" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- Back-fill from the events stored so far (an id stored in two months is listed once).
INSERT INTO "event_ids" ("id") SELECT DISTINCT "id" FROM "events" ORDER BY 1 ON CONFLICT DO NOTHING;
