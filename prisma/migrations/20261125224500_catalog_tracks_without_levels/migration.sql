-- A published track with no published level has nothing to enrol in, so it is not listed in the
-- catalogue (syncCatalogEntry now removes it). Older data may hold such entries: remove them here.
DELETE FROM "CatalogEntry" ce
 WHERE ce."kind" = 'TRACK'
   AND NOT EXISTS (SELECT 1 FROM "MicroCredential" mc WHERE mc."trackId" = ce."refId" AND mc."status" = 'PUBLISHED');
