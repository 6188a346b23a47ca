-- The audit entries other than marks, newest first: where the public check of a certificate finds
-- the digests of the facts the chain recorded last (server/domain/audit-facts.ts).
CREATE INDEX "audit_log_facts" ON "audit_log" USING btree ("event_id","n") WHERE "kind" <> 'mark';
