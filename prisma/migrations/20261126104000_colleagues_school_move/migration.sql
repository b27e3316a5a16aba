-- Colleagues (docs/decisions/028): a teacher agreed to share with the colleagues at the school they
-- were at. Moved to another school (by a district leader, an invitation, a request confirmed, any
-- code path), they stop sharing until they choose to share with their new colleagues; placed at a
-- school for the first time, a choice made with no school yet stands.
CREATE FUNCTION "user_colleagues_school_move"() RETURNS trigger AS $$
BEGIN
  IF OLD."schoolId" IS NOT NULL AND NEW."schoolId" IS DISTINCT FROM OLD."schoolId" THEN
    NEW."sharesWithColleagues" := false;
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "User_colleagues_school_move"
  BEFORE UPDATE OF "schoolId" ON "User"
  FOR EACH ROW EXECUTE FUNCTION "user_colleagues_school_move"();
