CREATE TABLE "changed_days" (
	"day" date PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_days" (
	"day" date NOT NULL,
	"member_id" text NOT NULL,
	CONSTRAINT "activity_days_day_member_id_pk" PRIMARY KEY("day","member_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_days" (
	"day" date NOT NULL,
	"community_id" text NOT NULL,
	"members" integer DEFAULT 0 NOT NULL,
	"new_members" integer DEFAULT 0 NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"buyers" integer DEFAULT 0 NOT NULL,
	"gmv_fen" bigint DEFAULT 0 NOT NULL,
	"refunded_orders" integer DEFAULT 0 NOT NULL,
	"refunded_fen" bigint DEFAULT 0 NOT NULL,
	"active_1d" integer DEFAULT 0 NOT NULL,
	"active_7d" integer DEFAULT 0 NOT NULL,
	"active_30d" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_days_community_id_day_pk" PRIMARY KEY("community_id","day")
);
--> statement-breakpoint
CREATE TABLE "kpi_weeks" (
	"week" date NOT NULL,
	"community_id" text NOT NULL,
	"buyers" integer DEFAULT 0 NOT NULL,
	"active" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_weeks_community_id_week_pk" PRIMARY KEY("community_id","week")
);
--> statement-breakpoint
CREATE TABLE "product_sales_days" (
	"day" date NOT NULL,
	"community_id" text NOT NULL,
	"product_id" text NOT NULL,
	"orders" integer NOT NULL,
	"quantity" numeric(14, 3) NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "product_sales_days_day_community_id_product_id_pk" PRIMARY KEY("day","community_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "rollup_state" (
	"name" text PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"since" date NOT NULL,
	"ms" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "activity_days_member_idx" ON "activity_days" USING btree ("member_id","day");