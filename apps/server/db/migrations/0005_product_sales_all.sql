ALTER TABLE "product_sales_days" DROP CONSTRAINT "product_sales_days_day_community_id_product_id_pk";--> statement-breakpoint
ALTER TABLE "product_sales_days" ADD CONSTRAINT "product_sales_days_community_id_day_product_id_pk" PRIMARY KEY("community_id","day","product_id");--> statement-breakpoint
-- Product sales now carry '*' rows for the whole business: have the worker rebuild the rollups.
INSERT INTO "changed_days" ("day", "at") SELECT min("day"), now() FROM "activity_days" HAVING min("day") IS NOT NULL
ON CONFLICT ("day") DO UPDATE SET "at" = excluded."at";
