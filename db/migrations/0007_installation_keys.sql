CREATE TABLE "installation_key" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trusted_keys" (
	"public_key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"trusted_by" text NOT NULL,
	"trusted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_origins" (
	"event_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"public_key" text,
	"exported_at" timestamp with time zone,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event_origins" ADD CONSTRAINT "event_origins_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "signing_key" text;--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "signature" text;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "signing_key" text;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "signature" text;
