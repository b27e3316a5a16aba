-- Status lists made before "issuerKeyId" existed (migration status_list_key) have none, and were
-- signed with whichever key the issuer had when each copy was served. After a key rotation that is
-- a key none of their credentials name, and verifiers would stop accepting them; the code now
-- refuses to sign a list without a key. Each such list gets the key its credentials were signed
-- with (a verifier accepts a list only from the did its credential names as issuer). Signed lists
-- are never stored, so their credentials are the record: the issuer's key whose did most of the
-- list's awards name as issuer or as their proof's verificationMethod. A list no award of a known
-- key holds gets the issuer's key that was in use when the list was started. A list neither finds
-- stays empty, and is refused until its key is set by hand.
UPDATE "StatusList" l SET "issuerKeyId" = COALESCE(
  (
    SELECT k."id"
      FROM "Award" a
      JOIN "IssuerKey" k ON k."issuerId" = l."issuerId" AND k."did" IN (
        CASE jsonb_typeof(a."credential" -> 'issuer')
          WHEN 'object' THEN a."credential" -> 'issuer' ->> 'id'
          WHEN 'string' THEN a."credential" ->> 'issuer'
        END,
        split_part(
          CASE jsonb_typeof(a."credential" -> 'proof')
            WHEN 'object' THEN a."credential" -> 'proof' ->> 'verificationMethod'
            WHEN 'array' THEN a."credential" -> 'proof' -> 0 ->> 'verificationMethod'
          END,
          '#', 1
        )
      )
     WHERE a."statusListId" = l."id"
     GROUP BY k."id"
     ORDER BY count(*) DESC, min(a."issuedAt"), k."id"
     LIMIT 1
  ),
  (
    SELECT k."id"
      FROM "IssuerKey" k
     WHERE k."issuerId" = l."issuerId"
       AND k."createdAt" <= l."createdAt"
       AND (k."retiredAt" IS NULL OR k."retiredAt" > l."createdAt")
     ORDER BY k."createdAt" DESC, k."id" DESC
     LIMIT 1
  )
)
WHERE l."issuerKeyId" IS NULL;
