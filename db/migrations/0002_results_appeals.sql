CREATE TABLE "certificates" (
	"code" text PRIMARY KEY NOT NULL,
	"certification_id" bigint NOT NULL,
	"contest_id" text NOT NULL,
	"bib" text NOT NULL,
	"name" text NOT NULL,
	"organisation" text NOT NULL,
	"award" text NOT NULL,
	"rank" integer NOT NULL,
	"total" double precision NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_certification_bib" UNIQUE("certification_id","bib")
);
--> statement-breakpoint
CREATE TABLE "certifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contest_id" text NOT NULL,
	"seq" integer NOT NULL,
	"digest" text NOT NULL,
	"results" jsonb NOT NULL,
	"certified_by" text NOT NULL,
	"certified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeals" (
	"id" text PRIMARY KEY NOT NULL,
	"contest_id" text NOT NULL,
	"contestant" text NOT NULL,
	"criterion" text,
	"text" text NOT NULL,
	"submitted_by" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"amendment" jsonb
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "appeal_window_minutes" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_certification_id_certifications_id_fk" FOREIGN KEY ("certification_id") REFERENCES "public"."certifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificates_contest" ON "certificates" USING btree ("contest_id");--> statement-breakpoint
CREATE INDEX "certifications_contest" ON "certifications" USING btree ("contest_id");--> statement-breakpoint
CREATE INDEX "appeals_contest" ON "appeals" USING btree ("contest_id");