ALTER TABLE "marks" ADD COLUMN "origin_id" bigint;--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "origin_id" bigint;