CREATE TABLE "segment_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"segment_id" text NOT NULL,
	"member_id" text NOT NULL,
	"change" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer NOT NULL,
	"reason" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segment_members" (
	"segment_id" text NOT NULL,
	"member_id" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"version" integer NOT NULL,
	"reason" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"holdout" boolean DEFAULT false NOT NULL,
	CONSTRAINT "segment_members_segment_id_member_id_pk" PRIMARY KEY("segment_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"rule" jsonb NOT NULL,
	"community_ids" text[],
	"holdout_share" real DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"refreshed_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	CONSTRAINT "segments_key_unique" UNIQUE("key")
);
--> statement-breakpoint
ALTER TABLE "member_personas" ADD COLUMN "orders_per_week" real;--> statement-breakpoint
ALTER TABLE "member_personas" ADD COLUMN "aov_fen" bigint;--> statement-breakpoint
ALTER TABLE "member_values" ADD COLUMN "churn_risk" real DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "segment_changes_member_idx" ON "segment_changes" USING btree ("member_id","at");--> statement-breakpoint
CREATE INDEX "segment_changes_segment_idx" ON "segment_changes" USING btree ("segment_id","at");--> statement-breakpoint
CREATE INDEX "segment_members_member_idx" ON "segment_members" USING btree ("member_id");