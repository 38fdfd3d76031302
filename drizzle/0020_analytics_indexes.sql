-- Analytics reads runs by start time: starts, completions and durations come from the index alone
-- (quiz_id, status and completed_at only change when a run completes, which is never a HOT update
-- anyway, so answering a question stays HOT).
CREATE INDEX IF NOT EXISTS "quiz_responses_analytics" ON "quiz_responses" ("workspace_id", "started_at") INCLUDE ("quiz_id", "status", "completed_at");
--> statement-breakpoint
-- The match rate over a date range without visiting the table.
CREATE INDEX IF NOT EXISTS "personalization_decisions_range" ON "personalization_decisions" ("workspace_id", "decided_at") INCLUDE ("personalized", "reason");
--> statement-breakpoint
-- Preference changes over time (unsubscribes, pauses, double opt-in) are read from the event log by type and time.
CREATE INDEX IF NOT EXISTS "events_workspace_type_created" ON "events" ("workspace_id", "type", "created_at");
