-- Every committed event of a workspace with an enabled webhook endpoint gets an outbox row in the
-- same transaction; the NOTIFY is delivered at commit and wakes the dispatcher.
CREATE OR REPLACE FUNCTION webhook_outbox_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM webhook_endpoints WHERE workspace_id = NEW.workspace_id AND enabled) THEN
    INSERT INTO webhook_outbox (event_id, seq, workspace_id) VALUES (NEW.id, NEW.seq, NEW.workspace_id);
    PERFORM pg_notify('candor_webhook_outbox', '');
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_webhook_outbox AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION webhook_outbox_enqueue();
