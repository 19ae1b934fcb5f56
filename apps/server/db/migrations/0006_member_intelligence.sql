CREATE TABLE "member_features" (
	"member_id" text PRIMARY KEY NOT NULL,
	"orders_total" integer DEFAULT 0 NOT NULL,
	"spend_total_fen" bigint DEFAULT 0 NOT NULL,
	"first_order_at" timestamp with time zone,
	"last_order_at" timestamp with time zone,
	"orders_7d" integer DEFAULT 0 NOT NULL,
	"orders_30d" integer DEFAULT 0 NOT NULL,
	"orders_90d" integer DEFAULT 0 NOT NULL,
	"spend_30d_fen" bigint DEFAULT 0 NOT NULL,
	"spend_90d_fen" bigint DEFAULT 0 NOT NULL,
	"refunded_orders_90d" integer DEFAULT 0 NOT NULL,
	"refunded_fen_90d" bigint DEFAULT 0 NOT NULL,
	"discount_orders_90d" integer DEFAULT 0 NOT NULL,
	"category_share_90d" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"events" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dwell_ms_30d" bigint DEFAULT 0 NOT NULL,
	"avg_rating_90d" real,
	"last_active_at" timestamp with time zone,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_tags" (
	"tag_id" text NOT NULL,
	"member_id" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"version" integer NOT NULL,
	"reason" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "member_tags_tag_id_member_id_pk" PRIMARY KEY("tag_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "tag_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tag_id" text NOT NULL,
	"member_id" text NOT NULL,
	"change" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer NOT NULL,
	"reason" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tag_definitions" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"rule" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tag_definitions_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "tag_versions" (
	"tag_id" text NOT NULL,
	"version" integer NOT NULL,
	"rule" jsonb NOT NULL,
	"changed_by" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tag_versions_tag_id_version_pk" PRIMARY KEY("tag_id","version")
);
--> statement-breakpoint
CREATE INDEX "member_tags_member_idx" ON "member_tags" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "tag_changes_member_idx" ON "tag_changes" USING btree ("member_id","at");--> statement-breakpoint
CREATE INDEX "tag_changes_tag_idx" ON "tag_changes" USING btree ("tag_id","at");