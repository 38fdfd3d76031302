-- An event about a profile whose open onboarding flow waits for that event type gets an inbox row
-- in the event's own transaction, so an event-completed step can never miss its event.
CREATE OR REPLACE FUNCTION onboarding_inbox_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.subject_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM onboarding_assignments a
    WHERE a.profile_id = NEW.subject_id AND a.workspace_id = NEW.workspace_id
      AND a.completed_at IS NULL AND NEW.type = ANY (a.waiting_events)
  ) THEN
    INSERT INTO onboarding_inbox (event_id, workspace_id) VALUES (NEW.id, NEW.workspace_id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_onboarding_inbox AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION onboarding_inbox_enqueue();
