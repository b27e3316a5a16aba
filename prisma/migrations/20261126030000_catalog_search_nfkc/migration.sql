-- The catalogue's search vector from the NFKC form of each text, as the search box normalises a
-- query (lib/catalog/schemas.ts): a title written in full-width letters ("Ｒｅａｄｉｎｇ", from a CJK
-- keyboard's Latin mode) or with other compatibility characters ("ﬁle") is then found by a search
-- for "reading" or "file". Weights, configuration and fields are as before (20261124022947_init).

-- normalize() works only in a UTF8 database; elsewhere every publish would fail in the trigger, so
-- refuse here instead, with a reason.
DO $$
BEGIN
  IF current_setting('server_encoding') <> 'UTF8' THEN
    RAISE EXCEPTION 'catalog_search_nfkc needs a UTF8 database (this one is %): normalize() is UTF8 only', current_setting('server_encoding');
  END IF;
END;
$$;

CREATE OR REPLACE FUNCTION catalog_entry_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."search" :=
    setweight(to_tsvector('english', normalize(coalesce(NEW."title", ''), NFKC)), 'A') ||
    setweight(to_tsvector('english', normalize(coalesce(NEW."competency", ''), NFKC)), 'B') ||
    setweight(to_tsvector('english', normalize(coalesce(NEW."summary", '') || ' ' || coalesce(NEW."issuerName", '') || ' ' || coalesce(NEW."topic", ''), NFKC)), 'C') ||
    setweight(to_tsvector('english', normalize(coalesce(NEW."body", ''), NFKC)), 'D');
  RETURN NEW;
END;
$$;

-- Entries published before this: the trigger above recomputes each row's vector on any update.
UPDATE "CatalogEntry" SET "title" = "title";
