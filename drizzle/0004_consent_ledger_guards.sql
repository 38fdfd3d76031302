-- The consent ledger is append-only. Two exceptions: the erasure procedure, which sets the
-- transaction-local flag candor.erasure = 'on' and may only blank the personal columns (the
-- hashed evidence stays byte for byte), and the deletion of a whole workspace (cascade).
CREATE FUNCTION candor_consent_records_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND coalesce(current_setting('candor.erasure', true), '') = 'on'
     AND (NEW.id, NEW.workspace_id, NEW.profile_id, NEW.seq, NEW.purpose, NEW.action, NEW.notice_version_id,
          NEW.notice_text_hash, NEW.locale, NEW.method, NEW.collection_point, NEW.actor_type, NEW.actor_id,
          NEW.evidence, NEW.recorded_at, NEW.personal_digest, NEW.prev_hash, NEW.hash)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.workspace_id, OLD.profile_id, OLD.seq, OLD.purpose, OLD.action, OLD.notice_version_id,
          OLD.notice_text_hash, OLD.locale, OLD.method, OLD.collection_point, OLD.actor_type, OLD.actor_id,
          OLD.evidence, OLD.recorded_at, OLD.personal_digest, OLD.prev_hash, OLD.hash)
     AND NEW.ip_truncated IS NULL AND NEW.user_agent IS NULL AND NEW.source_url IS NULL AND NEW.personal_salt IS NULL
  THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM workspaces WHERE id = OLD.workspace_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'consent_records is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consent_records_append_only BEFORE UPDATE OR DELETE ON consent_records
  FOR EACH ROW EXECUTE FUNCTION candor_consent_records_guard();
--> statement-breakpoint
-- A published notice is evidence of what people were shown: it can never change or disappear
-- (except with its workspace). Drafts stay editable.
CREATE FUNCTION candor_notice_versions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.published_at IS NULL THEN
    RETURN COALESCE(NEW, OLD);
  END IF;
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM workspaces WHERE id = OLD.workspace_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'published notice versions are immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER notice_versions_immutable_once_published BEFORE UPDATE OR DELETE ON notice_versions
  FOR EACH ROW EXECUTE FUNCTION candor_notice_versions_guard();
