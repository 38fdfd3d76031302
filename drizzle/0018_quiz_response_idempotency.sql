ALTER TABLE "quiz_responses" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "quiz_responses" ADD COLUMN "request_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "quiz_responses_workspace_id_idempotency_key_index" ON "quiz_responses" USING btree ("workspace_id","idempotency_key") WHERE "quiz_responses"."idempotency_key" is not null;