CREATE TABLE "availability_marks" (
	"product_id" text NOT NULL,
	"day" date NOT NULL,
	"point_id" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "availability_marks_product_id_day_point_id_pk" PRIMARY KEY("product_id","day","point_id")
);
--> statement-breakpoint
CREATE TABLE "demand_days" (
	"product_id" text NOT NULL,
	"point_id" text NOT NULL,
	"day" date NOT NULL,
	"ordered_qty" numeric(14, 3) NOT NULL,
	"net_qty" numeric(14, 3) NOT NULL,
	"ordered_fen" bigint NOT NULL,
	"net_fen" bigint NOT NULL,
	"orders" integer NOT NULL,
	CONSTRAINT "demand_days_product_id_point_id_day_pk" PRIMARY KEY("product_id","point_id","day")
);
--> statement-breakpoint
CREATE TABLE "demand_refresh" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"watermark" timestamp with time zone,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forecast_allocations" (
	"pickup_date" date NOT NULL,
	"product_id" text NOT NULL,
	"point_id" text NOT NULL,
	"share" double precision NOT NULL,
	"booked" double precision NOT NULL,
	"p50" double precision NOT NULL,
	"qty" double precision NOT NULL,
	CONSTRAINT "forecast_allocations_pickup_date_product_id_point_id_pk" PRIMARY KEY("pickup_date","product_id","point_id")
);
--> statement-breakpoint
CREATE TABLE "forecast_days" (
	"pickup_date" date NOT NULL,
	"product_id" text NOT NULL,
	"day" date NOT NULL,
	"p10" double precision NOT NULL,
	"p50" double precision NOT NULL,
	"p90" double precision NOT NULL,
	CONSTRAINT "forecast_days_pickup_date_product_id_day_pk" PRIMARY KEY("pickup_date","product_id","day")
);
--> statement-breakpoint
CREATE TABLE "forecast_items" (
	"pickup_date" date NOT NULL,
	"product_id" text NOT NULL,
	"run_id" text NOT NULL,
	"model" text NOT NULL,
	"p10" double precision NOT NULL,
	"p50" double precision NOT NULL,
	"p90" double precision NOT NULL,
	"demand_p10" double precision NOT NULL,
	"demand_p50" double precision NOT NULL,
	"demand_p90" double precision NOT NULL,
	"booked" double precision NOT NULL,
	"share_before" double precision,
	"ratio" double precision NOT NULL,
	"loss_rate" double precision NOT NULL,
	"shelf_life_days" integer NOT NULL,
	"unit_cost_fen" integer,
	"price_fen" integer,
	"suggested_qty" double precision NOT NULL,
	"step" double precision NOT NULL,
	"contributions" jsonb,
	"wape" double precision,
	"naive_wape" double precision,
	"eval_days" integer DEFAULT 0 NOT NULL,
	"cities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "forecast_items_pickup_date_product_id_pk" PRIMARY KEY("pickup_date","product_id")
);
--> statement-breakpoint
CREATE TABLE "forecast_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"pickup_date" date NOT NULL,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"actor" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"stages" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"summary" jsonb
);
--> statement-breakpoint
CREATE TABLE "replenishment_overrides" (
	"pickup_date" date NOT NULL,
	"product_id" text NOT NULL,
	"qty" numeric(14, 3) NOT NULL,
	"reason" text NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "replenishment_overrides_pickup_date_product_id_pk" PRIMARY KEY("pickup_date","product_id")
);
--> statement-breakpoint
CREATE TABLE "supply_category_defaults" (
	"category_code" text PRIMARY KEY NOT NULL,
	"loss_rate_pct" numeric(5, 2) NOT NULL,
	"shelf_life_days" integer NOT NULL,
	"cost_share_pct" numeric(5, 2),
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_items" (
	"product_id" text PRIMARY KEY NOT NULL,
	"loss_rate_pct" numeric(5, 2),
	"shelf_life_days" integer,
	"unit_cost_fen" integer,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "weather_days" (
	"city" text NOT NULL,
	"day" date NOT NULL,
	"temp_max" double precision,
	"temp_min" double precision,
	"rain_mm" double precision,
	"alert" text DEFAULT 'none' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "weather_days_city_day_pk" PRIMARY KEY("city","day")
);
--> statement-breakpoint
CREATE INDEX "availability_day_idx" ON "availability_marks" USING btree ("day");--> statement-breakpoint
CREATE INDEX "demand_days_day_idx" ON "demand_days" USING btree ("day");--> statement-breakpoint
CREATE INDEX "forecast_runs_date_idx" ON "forecast_runs" USING btree ("pickup_date","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "forecast_runs_running_idx" ON "forecast_runs" USING btree ("pickup_date") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "orders_updated_idx" ON "orders" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "orders_pickup_day_idx" ON "orders" USING btree (coalesce("pickup_date", ("placed_at" AT TIME ZONE 'Asia/Shanghai')::date));