CREATE TABLE "experiment_exposures" (
	"experiment_id" text NOT NULL,
	"member_id" text NOT NULL,
	"arm" text NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	CONSTRAINT "experiment_exposures_experiment_id_member_id_pk" PRIMARY KEY("experiment_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "experiment_layers" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"salt" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experiment_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"holdout_share" real DEFAULT 0 NOT NULL,
	"holdout_salt" text DEFAULT 'linli' NOT NULL,
	"conversion_bar" real DEFAULT 0.05 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experiment_stats" (
	"experiment_id" text NOT NULL,
	"arm" text NOT NULL,
	"day" date NOT NULL,
	"n" integer NOT NULL,
	"sums" jsonb NOT NULL,
	CONSTRAINT "experiment_stats_experiment_id_arm_day_pk" PRIMARY KEY("experiment_id","arm","day")
);
--> statement-breakpoint
CREATE TABLE "experiments" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"hypothesis" text DEFAULT '' NOT NULL,
	"owner" text DEFAULT '' NOT NULL,
	"segment_key" text,
	"traffic" real NOT NULL,
	"layer_key" text,
	"layer_share" real,
	"layer_from" integer,
	"layer_to" integer,
	"design" text NOT NULL,
	"variants" jsonb,
	"factors" jsonb,
	"content_id" text,
	"metrics" jsonb NOT NULL,
	"plan" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"planned_days" integer NOT NULL,
	"status" text NOT NULL,
	"archived_from" text,
	"salt" text NOT NULL,
	"started_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"stop_reason" text,
	"shipped_arm" text,
	"learned" text DEFAULT '' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stats_at" timestamp with time zone,
	"stats_meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "experiments_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE INDEX "experiments_status_idx" ON "experiments" USING btree ("status");--> statement-breakpoint
CREATE INDEX "experiments_layer_idx" ON "experiments" USING btree ("layer_key") WHERE layer_key IS NOT NULL;