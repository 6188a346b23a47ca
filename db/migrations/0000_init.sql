CREATE TABLE "events" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"file" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"audit_seq" integer DEFAULT 0 NOT NULL,
	"audit_head" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"event_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "organisations_event_id_code_pk" PRIMARY KEY("event_id","code")
);
--> statement-breakpoint
CREATE TABLE "contest_states" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contest_id" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"reason" text,
	"actor" text NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contestants" (
	"contest_id" text NOT NULL,
	"bib" text NOT NULL,
	"name" text NOT NULL,
	"organisation" text NOT NULL,
	"station" text,
	"status" text DEFAULT 'active' NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "contestants_contest_id_bib_pk" PRIMARY KEY("contest_id","bib")
);
--> statement-breakpoint
CREATE TABLE "contests" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"state" text DEFAULT 'setup' NOT NULL,
	"seq" integer DEFAULT 0 NOT NULL,
	"frozen_seq" integer,
	"definition" jsonb NOT NULL,
	CONSTRAINT "contests_event_code" UNIQUE("event_id","code")
);
--> statement-breakpoint
CREATE TABLE "criteria" (
	"contest_id" text NOT NULL,
	"code" text NOT NULL,
	"section_code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"max" double precision NOT NULL,
	"spec" jsonb NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "criteria_contest_id_code_pk" PRIMARY KEY("contest_id","code")
);
--> statement-breakpoint
CREATE TABLE "flag_resolutions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contest_id" text NOT NULL,
	"contestant" text NOT NULL,
	"criterion" text NOT NULL,
	"reason" text NOT NULL,
	"actor" text NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sections" (
	"contest_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"weight" double precision NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "sections_contest_id_code_pk" PRIMARY KEY("contest_id","code")
);
--> statement-breakpoint
CREATE TABLE "judges" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"contest_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"pin_hash" text NOT NULL,
	"criteria" jsonb NOT NULL,
	"organisation" text,
	"chief" boolean DEFAULT false NOT NULL,
	"shadow" boolean DEFAULT false NOT NULL,
	CONSTRAINT "judges_event_code" UNIQUE("event_id","code")
);
--> statement-breakpoint
CREATE TABLE "marks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contest_id" text NOT NULL,
	"contestant" text NOT NULL,
	"criterion" text NOT NULL,
	"judge" text NOT NULL,
	"value" jsonb NOT NULL,
	"revision" integer NOT NULL,
	"client_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"note" text,
	"reason" text,
	"shadow" boolean DEFAULT false NOT NULL,
	"seq" integer NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "marks_client_id" UNIQUE("client_id"),
	CONSTRAINT "marks_revision" UNIQUE("contest_id","contestant","criterion","judge","revision")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"event_id" text NOT NULL,
	"n" integer NOT NULL,
	"kind" text NOT NULL,
	"contest_id" text,
	"actor" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"payload" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_log_event_id_n_pk" PRIMARY KEY("event_id","n")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"role" text NOT NULL,
	"subject" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username" UNIQUE("username")
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_states" ADD CONSTRAINT "contest_states_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contestants" ADD CONSTRAINT "contestants_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contests" ADD CONSTRAINT "contests_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria" ADD CONSTRAINT "criteria_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flag_resolutions" ADD CONSTRAINT "flag_resolutions_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judges" ADD CONSTRAINT "judges_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judges" ADD CONSTRAINT "judges_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marks" ADD CONSTRAINT "marks_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contest_states_contest" ON "contest_states" USING btree ("contest_id");--> statement-breakpoint
CREATE INDEX "flag_resolutions_contest_seq" ON "flag_resolutions" USING btree ("contest_id","seq");--> statement-breakpoint
CREATE INDEX "judges_contest" ON "judges" USING btree ("contest_id");--> statement-breakpoint
CREATE INDEX "marks_contest_seq" ON "marks" USING btree ("contest_id","seq");--> statement-breakpoint
CREATE INDEX "sessions_subject" ON "sessions" USING btree ("subject");