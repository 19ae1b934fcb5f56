CREATE TABLE "nps_surveys" (
	"id" text PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"trigger" text NOT NULL,
	"member_id" text,
	"order_id" text,
	"incident_id" text,
	"community_id" text,
	"pickup_point_id" text,
	"leader_id" text,
	"sent_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"score" smallint,
	"reason" text,
	"message_id" text
);
--> statement-breakpoint
CREATE TABLE "opinion_event_queue" (
	"event_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"level" smallint NOT NULL,
	"message_level" smallint NOT NULL,
	"category" text,
	"status" text NOT NULL,
	"owner_role" text NOT NULL,
	"owner_id" text,
	"owner_name" text,
	"member_id" text,
	"order_id" text,
	"product_id" text,
	"sku" text,
	"batch" text,
	"pickup_point_id" text,
	"community_id" text,
	"thread_id" text,
	"text_hash" text,
	"message_count" integer DEFAULT 0 NOT NULL,
	"households" integer DEFAULT 0 NOT NULL,
	"escalations" integer DEFAULT 0 NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"last_message_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolution_code" text,
	"resolution_note" text,
	"sla_clock" text,
	"sla_due_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"external_id" text,
	"text" text NOT NULL,
	"text_hash" text NOT NULL,
	"member_id" text,
	"order_id" text,
	"product_id" text,
	"sku" text,
	"batch" text,
	"pickup_point_id" text,
	"community_id" text,
	"thread_id" text,
	"received_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"level" smallint NOT NULL,
	"category" text,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"triage_version" text NOT NULL,
	"incident_id" text
);
--> statement-breakpoint
CREATE TABLE "opinion_notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"dedupe_key" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"incident_id" text,
	"level" smallint NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"channel" text NOT NULL,
	"recipient" text,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"sent_at" timestamp with time zone,
	CONSTRAINT "opinion_notifications_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "opinion_remedies" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"kind" text NOT NULL,
	"order_id" text,
	"member_id" text,
	"amount_fen" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"by" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"scale_households" integer DEFAULT 10 NOT NULL,
	"scale_window_hours" integer DEFAULT 24 NOT NULL,
	"group_window_hours" integer DEFAULT 24 NOT NULL,
	"ack_minutes" integer DEFAULT 15 NOT NULL,
	"resolve_minutes" integer DEFAULT 120 NOT NULL,
	"close_minutes" integer DEFAULT 1440 NOT NULL,
	"wecom_webhook_url" text,
	"oncall_executive" text,
	"updated_by" text,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "opinion_sla_actions" (
	"subject" text NOT NULL,
	"clock" text NOT NULL,
	"mark" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opinion_sla_actions_subject_clock_mark_pk" PRIMARY KEY("subject","clock","mark")
);
--> statement-breakpoint
CREATE TABLE "opinion_timeline" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_webhook_secrets" (
	"source" text PRIMARY KEY NOT NULL,
	"secret_enc" text NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "nps_surveys_token_idx" ON "nps_surveys" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "nps_surveys_dedupe_idx" ON "nps_surveys" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "nps_surveys_answered_idx" ON "nps_surveys" USING btree ("answered_at") WHERE answered_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "opinion_event_queue_queued_idx" ON "opinion_event_queue" USING btree ("queued_at");--> statement-breakpoint
CREATE INDEX "opinion_incidents_status_idx" ON "opinion_incidents" USING btree ("status","level");--> statement-breakpoint
CREATE INDEX "opinion_incidents_opened_idx" ON "opinion_incidents" USING btree ("opened_at");--> statement-breakpoint
CREATE INDEX "opinion_incidents_owner_idx" ON "opinion_incidents" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "opinion_incidents_open_thread_idx" ON "opinion_incidents" USING btree ("thread_id") WHERE status <> 'resolved';--> statement-breakpoint
CREATE INDEX "opinion_incidents_open_order_idx" ON "opinion_incidents" USING btree ("order_id") WHERE status <> 'resolved';--> statement-breakpoint
CREATE INDEX "opinion_incidents_open_hash_idx" ON "opinion_incidents" USING btree ("text_hash","last_message_at") WHERE status <> 'resolved';--> statement-breakpoint
CREATE INDEX "opinion_incidents_open_product_idx" ON "opinion_incidents" USING btree ("product_id","last_message_at") WHERE status <> 'resolved';--> statement-breakpoint
CREATE INDEX "opinion_incidents_open_point_idx" ON "opinion_incidents" USING btree ("pickup_point_id","category","last_message_at") WHERE status <> 'resolved';--> statement-breakpoint
CREATE INDEX "opinion_messages_incident_idx" ON "opinion_messages" USING btree ("incident_id","received_at");--> statement-breakpoint
CREATE INDEX "opinion_messages_received_idx" ON "opinion_messages" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "opinion_messages_member_idx" ON "opinion_messages" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "opinion_messages_hash_idx" ON "opinion_messages" USING btree ("text_hash","received_at");--> statement-breakpoint
CREATE INDEX "opinion_messages_product_idx" ON "opinion_messages" USING btree ("product_id","received_at") WHERE product_id IS NOT NULL AND level > 0;--> statement-breakpoint
CREATE INDEX "opinion_messages_point_idx" ON "opinion_messages" USING btree ("pickup_point_id","received_at") WHERE pickup_point_id IS NOT NULL AND level > 0;--> statement-breakpoint
CREATE INDEX "opinion_notifications_at_idx" ON "opinion_notifications" USING btree ("at");--> statement-breakpoint
CREATE INDEX "opinion_notifications_outbox_idx" ON "opinion_notifications" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "opinion_remedies_incident_idx" ON "opinion_remedies" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "opinion_remedies_order_idx" ON "opinion_remedies" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "opinion_timeline_incident_idx" ON "opinion_timeline" USING btree ("incident_id","at");--> statement-breakpoint
-- Reviews and complaints with a text are queued for the opinion triage in the writer's own transaction.
CREATE FUNCTION linli_queue_opinion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO opinion_event_queue (event_id, occurred_at) VALUES (NEW.id, NEW.occurred_at);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER events_queue_opinion AFTER INSERT ON events FOR EACH ROW
  WHEN (NEW.type IN ('review', 'complaint') AND NEW.text IS NOT NULL AND NEW.text <> '')
  EXECUTE FUNCTION linli_queue_opinion();
