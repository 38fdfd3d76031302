-- A published quiz version is frozen: responses point to it and must always mean what was asked.
CREATE OR REPLACE FUNCTION quiz_versions_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'quiz version % is published and cannot be changed', OLD.id USING ERRCODE = 'check_violation';
END
$$;
--> statement-breakpoint
CREATE TRIGGER quiz_versions_frozen BEFORE UPDATE ON quiz_versions FOR EACH ROW EXECUTE FUNCTION quiz_versions_refuse_update();
