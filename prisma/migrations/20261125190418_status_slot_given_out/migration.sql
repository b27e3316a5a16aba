-- AlterTable
ALTER TABLE "StatusList" ADD COLUMN     "allocatedBits" BYTEA;

-- Every index an award holds now counts as given out (bit order as the published lists: index 0 is
-- the most significant bit of byte 0). Indexes of awards deleted before this migration are not
-- known any more; those may be given out again, as before.
UPDATE "StatusList" l SET "allocatedBits" = decode((
  SELECT string_agg(lpad(to_hex(coalesce(b.v, 0)), 2, '0'), '' ORDER BY g.i)
  FROM generate_series(0, l."size" / 8 - 1) AS g(i)
  LEFT JOIN (
    SELECT a."statusListIndex" / 8 AS i, bit_or(128 >> (a."statusListIndex" % 8)) AS v
    FROM "Award" a WHERE a."statusListId" = l."id"
    GROUP BY 1
  ) b ON b.i = g.i
), 'hex');
