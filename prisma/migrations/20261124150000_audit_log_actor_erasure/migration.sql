-- The audit log stays append-only, with one exception: when an account is deleted, the foreign key
-- (ON DELETE SET NULL) clears "actorId" on its entries. The entries stay; only who acted is
-- forgotten. Any other change, and any delete, is still refused.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD."actorId" IS NOT NULL AND NEW."actorId" IS NULL
     AND (to_jsonb(NEW) - 'actorId') = (to_jsonb(OLD) - 'actorId') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'AuditLog is append-only';
END;
$$;
