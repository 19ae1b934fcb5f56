CREATE TABLE "risk_terms" (
	"id" text PRIMARY KEY NOT NULL,
	"term" text NOT NULL,
	"folded" text NOT NULL,
	"severity" text NOT NULL,
	"category" text DEFAULT '' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"revision" integer NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_terms_folded_unique" UNIQUE("folded")
);
--> statement-breakpoint
CREATE TABLE "text_queue" (
	"event_id" text PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "text_scores" (
	"event_id" text PRIMARY KEY NOT NULL,
	"member_id" text NOT NULL,
	"source" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"model_version" text NOT NULL,
	"label" smallint NOT NULL,
	"probability" real NOT NULL,
	"intensity" smallint NOT NULL,
	"aspects" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"aspects_mentioned" integer DEFAULT 0 NOT NULL,
	"aspects_negative" integer DEFAULT 0 NOT NULL,
	"aspects_positive" integer DEFAULT 0 NOT NULL,
	"risk_hits" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"risk_level" smallint DEFAULT 0 NOT NULL,
	"scored_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "member_features" ADD COLUMN "text_signals" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "risk_terms_revision_idx" ON "risk_terms" USING btree ("revision");--> statement-breakpoint
CREATE INDEX "text_scores_member_time_idx" ON "text_scores" USING btree ("member_id","occurred_at");--> statement-breakpoint
CREATE INDEX "text_scores_time_idx" ON "text_scores" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "text_scores_version_idx" ON "text_scores" USING btree ("model_version");--> statement-breakpoint
-- Every event that carries a text is queued for scoring in the writer's own transaction.
CREATE FUNCTION linli_queue_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO text_queue (event_id, occurred_at) VALUES (NEW.id, NEW.occurred_at) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER events_queue_text AFTER INSERT ON events FOR EACH ROW
  WHEN (NEW.text IS NOT NULL AND NEW.text <> '') EXECUTE FUNCTION linli_queue_text();--> statement-breakpoint
-- texts stored before this version are scored too
INSERT INTO text_queue (event_id, occurred_at)
  SELECT id, occurred_at FROM events WHERE text IS NOT NULL AND text <> '' ON CONFLICT DO NOTHING;
