CREATE TABLE "changed_members" (
	"member_id" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL
);
