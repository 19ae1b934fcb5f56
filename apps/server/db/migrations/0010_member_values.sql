CREATE TABLE "member_values" (
	"member_id" text PRIMARY KEY NOT NULL,
	"fit_id" text NOT NULL,
	"frequency" integer NOT NULL,
	"p_alive" real NOT NULL,
	"expected_orders_30d" real NOT NULL,
	"expected_orders_90d" real NOT NULL,
	"expected_orders_365d" real NOT NULL,
	"expected_spend_fen" bigint NOT NULL,
	"clv_fen" bigint NOT NULL,
	"arpu_fen" bigint NOT NULL,
	"spend_12m_fen" bigint NOT NULL,
	"quadrant" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "value_fits" (
	"id" text PRIMARY KEY NOT NULL,
	"fitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"detail" jsonb NOT NULL,
	"current" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "member_values_quadrant_idx" ON "member_values" USING btree ("quadrant");