CREATE TABLE "member_personas" (
	"member_id" text PRIMARY KEY NOT NULL,
	"fit_id" text NOT NULL,
	"idx" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persona_fits" (
	"id" text PRIMARY KEY NOT NULL,
	"fitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"k" integer NOT NULL,
	"silhouette" real NOT NULL,
	"members" integer NOT NULL,
	"detail" jsonb NOT NULL,
	"current" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "personas" (
	"fit_id" text NOT NULL,
	"idx" integer NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"size" integer NOT NULL,
	"profile" jsonb NOT NULL,
	CONSTRAINT "personas_fit_id_idx_pk" PRIMARY KEY("fit_id","idx")
);
--> statement-breakpoint
CREATE INDEX "member_personas_fit_idx" ON "member_personas" USING btree ("fit_id","idx");