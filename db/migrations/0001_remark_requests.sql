CREATE TABLE "remark_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contest_id" text NOT NULL,
	"contestant" text NOT NULL,
	"criterion" text NOT NULL,
	"judge" text,
	"reason" text NOT NULL,
	"requested_by" text NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "remark_requests" ADD CONSTRAINT "remark_requests_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "remark_requests_contest" ON "remark_requests" USING btree ("contest_id");