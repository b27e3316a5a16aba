-- CreateTable
CREATE TABLE "DistrictRecommendation" (
    "id" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "microCredentialId" TEXT,
    "trackId" TEXT,
    "stackId" TEXT,
    "schoolId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "notifiedThroughUserId" TEXT,
    "notifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DistrictRecommendation_pkey" PRIMARY KEY ("id"),
    -- Exactly one catalogue item: a micro-credential, a track or a stack.
    CONSTRAINT "DistrictRecommendation_one_target" CHECK (num_nonnulls("microCredentialId", "trackId", "stackId") = 1),
    CONSTRAINT "DistrictRecommendation_note_length" CHECK (char_length("note") <= 500)
);

-- One recommendation per district, item and audience (the whole district, or one school): a
-- double click, or two leaders at once, cannot make two. Not expressible in schema.prisma: NULLs
-- are distinct in a plain unique index, so the empty school is folded into a value.
CREATE UNIQUE INDEX "DistrictRecommendation_target_scope_key" ON "DistrictRecommendation"
  ("districtId", COALESCE("microCredentialId", "trackId", "stackId"), COALESCE("schoolId", ''));

-- CreateIndex
CREATE INDEX "DistrictRecommendation_districtId_createdAt_idx" ON "DistrictRecommendation"("districtId", "createdAt");

-- CreateIndex
CREATE INDEX "DistrictRecommendation_microCredentialId_idx" ON "DistrictRecommendation"("microCredentialId");

-- CreateIndex
CREATE INDEX "DistrictRecommendation_trackId_idx" ON "DistrictRecommendation"("trackId");

-- CreateIndex
CREATE INDEX "DistrictRecommendation_stackId_idx" ON "DistrictRecommendation"("stackId");

-- CreateIndex
CREATE INDEX "DistrictRecommendation_schoolId_idx" ON "DistrictRecommendation"("schoolId");

-- CreateIndex
CREATE INDEX "DistrictRecommendation_createdById_idx" ON "DistrictRecommendation"("createdById");

-- CreateIndex
CREATE INDEX "Award_stackId_idx" ON "Award"("stackId");


-- AddForeignKey
ALTER TABLE "DistrictRecommendation" ADD CONSTRAINT "DistrictRecommendation_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DistrictRecommendation" ADD CONSTRAINT "DistrictRecommendation_microCredentialId_fkey" FOREIGN KEY ("microCredentialId") REFERENCES "MicroCredential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DistrictRecommendation" ADD CONSTRAINT "DistrictRecommendation_trackId_fkey" FOREIGN KEY ("trackId") REFERENCES "Track"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DistrictRecommendation" ADD CONSTRAINT "DistrictRecommendation_stackId_fkey" FOREIGN KEY ("stackId") REFERENCES "Stack"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DistrictRecommendation" ADD CONSTRAINT "DistrictRecommendation_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DistrictRecommendation" ADD CONSTRAINT "DistrictRecommendation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
