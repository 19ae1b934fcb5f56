CREATE TABLE "sla_clocks" (
	"subject" text NOT NULL,
	"clock" text NOT NULL,
	"owner" text,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"stopped_at" timestamp with time zone,
	"warned_50_at" timestamp with time zone,
	"warned_80_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "sla_clocks_subject_clock_pk" PRIMARY KEY("subject","clock")
);
--> statement-breakpoint
CREATE TABLE "compliance_allow_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"rule_id" text NOT NULL,
	"pack_id" text NOT NULL,
	"phrase" text NOT NULL,
	"pack_version" integer NOT NULL,
	"item_id" text,
	"note" text DEFAULT '' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_checklist" (
	"key" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"law" text DEFAULT '' NOT NULL,
	"category" text,
	"high_risk" boolean DEFAULT false NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"position" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" text NOT NULL,
	"version" integer NOT NULL,
	"stage" text NOT NULL,
	"decision" text NOT NULL,
	"reasons" text[] DEFAULT '{}' NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"checklist" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_id" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compliance_decisions_stage_key" UNIQUE("item_id","version","stage")
);
--> statement-breakpoint
CREATE TABLE "compliance_hit_verdicts" (
	"item_id" text NOT NULL,
	"version" integer NOT NULL,
	"hit_key" text NOT NULL,
	"rule_id" text NOT NULL,
	"category" text NOT NULL,
	"term" text NOT NULL,
	"verdict" text NOT NULL,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compliance_hit_verdicts_item_id_version_hit_key_pk" PRIMARY KEY("item_id","version","hit_key")
);
--> statement-breakpoint
CREATE TABLE "compliance_items" (
	"id" text PRIMARY KEY NOT NULL,
	"client_id" text,
	"type" text NOT NULL,
	"channel" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"product_id" text,
	"campaign_id" text,
	"author_id" text NOT NULL,
	"status" text NOT NULL,
	"stage" text,
	"assignee_id" text,
	"current_version" integer NOT NULL,
	"approved_version" integer,
	"verdict" text NOT NULL,
	"hit_count" integer DEFAULT 0 NOT NULL,
	"high_risk" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compliance_items_client_id_unique" UNIQUE("client_id")
);
--> statement-breakpoint
CREATE TABLE "compliance_missed" (
	"id" text PRIMARY KEY NOT NULL,
	"item_id" text NOT NULL,
	"version" integer NOT NULL,
	"category" text NOT NULL,
	"term" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_pack_versions" (
	"revision" bigint PRIMARY KEY NOT NULL,
	"pack_id" text NOT NULL,
	"version" integer NOT NULL,
	"pack" jsonb NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"shipped" text,
	"note" text DEFAULT '' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compliance_pack_versions_key" UNIQUE("pack_id","version")
);
--> statement-breakpoint
CREATE TABLE "compliance_reviews" (
	"item_id" text NOT NULL,
	"version" integer NOT NULL,
	"stage" text NOT NULL,
	"assignee_id" text,
	"assigned_at" timestamp with time zone,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "compliance_reviews_item_id_version_stage_pk" PRIMARY KEY("item_id","version","stage")
);
--> statement-breakpoint
CREATE TABLE "compliance_screenings" (
	"item_id" text NOT NULL,
	"version" integer NOT NULL,
	"verdict" text NOT NULL,
	"hits" jsonb NOT NULL,
	"packs" text NOT NULL,
	"revision" bigint NOT NULL,
	"ms" real NOT NULL,
	"screened_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compliance_screenings_item_id_version_pk" PRIMARY KEY("item_id","version")
);
--> statement-breakpoint
CREATE TABLE "compliance_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"review_sla_hours" real DEFAULT 4 NOT NULL,
	"legal_sla_hours" real DEFAULT 24 NOT NULL,
	"legal_always" boolean DEFAULT false NOT NULL,
	"high_risk" text[] NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_versions" (
	"item_id" text NOT NULL,
	"version" integer NOT NULL,
	"text" text NOT NULL,
	"text_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compliance_versions_item_id_version_pk" PRIMARY KEY("item_id","version")
);
--> statement-breakpoint
CREATE INDEX "sla_clocks_open_idx" ON "sla_clocks" USING btree ("due_at") WHERE stopped_at IS NULL AND breached_at IS NULL;--> statement-breakpoint
CREATE INDEX "compliance_allow_rule_idx" ON "compliance_allow_entries" USING btree ("rule_id");--> statement-breakpoint
CREATE INDEX "compliance_decisions_at_idx" ON "compliance_decisions" USING btree ("decided_at");--> statement-breakpoint
CREATE INDEX "compliance_hit_verdicts_rule_idx" ON "compliance_hit_verdicts" USING btree ("rule_id");--> statement-breakpoint
CREATE INDEX "compliance_items_status_idx" ON "compliance_items" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "compliance_items_assignee_idx" ON "compliance_items" USING btree ("assignee_id") WHERE assignee_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "compliance_items_created_idx" ON "compliance_items" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "compliance_missed_item_idx" ON "compliance_missed" USING btree ("item_id","version");--> statement-breakpoint
CREATE INDEX "compliance_screenings_at_idx" ON "compliance_screenings" USING btree ("screened_at");--> statement-breakpoint
CREATE INDEX "compliance_versions_hash_idx" ON "compliance_versions" USING btree ("text_hash");