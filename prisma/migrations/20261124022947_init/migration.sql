-- CreateEnum
CREATE TYPE "OrgKind" AS ENUM ('ISSUER', 'DISTRICT', 'SCHOOL', 'PLATFORM');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('TEACHER', 'REVIEWER', 'ISSUER_ADMIN', 'DISTRICT_LEADER', 'PLATFORM_ADMIN');

-- CreateEnum
CREATE TYPE "PublishStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'RETIRED');

-- CreateEnum
CREATE TYPE "TrackKind" AS ENUM ('COURSE', 'TRACK');

-- CreateEnum
CREATE TYPE "VersionStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "PassingRuleKind" AS ENUM ('ALL_AT_LEAST', 'TOTAL_AT_LEAST');

-- CreateEnum
CREATE TYPE "ResourceKind" AS ENUM ('READING', 'VIDEO', 'LINK', 'ACTIVITY');

-- CreateEnum
CREATE TYPE "ResponseType" AS ENUM ('TEXT', 'FILES', 'TEXT_AND_FILES', 'LINKS');

-- CreateEnum
CREATE TYPE "CatalogKind" AS ENUM ('TRACK', 'MICRO_CREDENTIAL', 'STACK');

-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED');

-- CreateEnum
CREATE TYPE "SubmissionStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'IN_REVIEW', 'NEEDS_REVISION', 'EARNED');

-- CreateEnum
CREATE TYPE "AttemptStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'PASSED');

-- CreateEnum
CREATE TYPE "FileStatus" AS ENUM ('PENDING', 'UPLOADED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ReviewKind" AS ENUM ('PRIMARY', 'SECOND', 'ADJUDICATION');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('CLAIMED', 'SUBMITTED', 'RELEASED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('PASS', 'REVISE');

-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "OrgKind" NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "url" TEXT,
    "email" TEXT,
    "imageKey" TEXT,
    "parentId" TEXT,
    "requiresProposal" BOOLEAN NOT NULL DEFAULT false,
    "slaBusinessDays" INTEGER NOT NULL DEFAULT 14,
    "doubleScoreRate" DOUBLE PRECISION NOT NULL DEFAULT 0.1,
    "blockSameSchool" BOOLEAN NOT NULL DEFAULT false,
    "blockSameDistrict" BOOLEAN NOT NULL DEFAULT false,
    "blindReview" BOOLEAN NOT NULL DEFAULT false,
    "calibrationRequired" BOOLEAN NOT NULL DEFAULT true,
    "claimMinutes" INTEGER NOT NULL DEFAULT 240,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "emailVerified" TIMESTAMP(3),
    "handle" TEXT,
    "portfolioPublic" BOOLEAN NOT NULL DEFAULT false,
    "publicName" TEXT,
    "schoolId" TEXT,
    "districtId" TEXT,
    "disabledAt" TIMESTAMP(3),
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "invitedById" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Track" (
    "id" TEXT NOT NULL,
    "issuerId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "kind" "TrackKind" NOT NULL DEFAULT 'TRACK',
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "topic" TEXT NOT NULL,
    "subjects" TEXT[],
    "gradeBands" TEXT[],
    "status" "PublishStatus" NOT NULL DEFAULT 'DRAFT',
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Track_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MicroCredential" (
    "id" TEXT NOT NULL,
    "issuerId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "trackId" TEXT,
    "level" INTEGER,
    "topic" TEXT NOT NULL,
    "subjects" TEXT[],
    "gradeBands" TEXT[],
    "status" "PublishStatus" NOT NULL DEFAULT 'DRAFT',
    "currentVersionId" TEXT,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MicroCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MicroCredentialVersion" (
    "id" TEXT NOT NULL,
    "microCredentialId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "VersionStatus" NOT NULL DEFAULT 'DRAFT',
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "competency" TEXT NOT NULL,
    "keyMethod" TEXT NOT NULL,
    "methodComponents" TEXT NOT NULL DEFAULT '',
    "researchRationale" TEXT NOT NULL DEFAULT '',
    "pdHours" DECIMAL(5,1) NOT NULL,
    "expiryMonths" INTEGER,
    "badgeImageKey" TEXT,
    "badgeColor" TEXT NOT NULL DEFAULT '#1d4ed8',
    "passingRuleKind" "PassingRuleKind" NOT NULL DEFAULT 'ALL_AT_LEAST',
    "passingLevelRank" INTEGER NOT NULL,
    "passingTotal" INTEGER,
    "publishedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MicroCredentialVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Resource" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "kind" "ResourceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "body" TEXT NOT NULL DEFAULT '',
    "minutes" INTEGER,

    CONSTRAINT "Resource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResourceProgress" (
    "userId" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "completedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResourceProgress_pkey" PRIMARY KEY ("userId","resourceId")
);

-- CreateTable
CREATE TABLE "SubmissionPart" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "responseType" "ResponseType" NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT true,
    "wordLimit" INTEGER,
    "allowedTypes" TEXT[],
    "maxFileBytes" BIGINT NOT NULL DEFAULT 104857600,
    "maxFiles" INTEGER NOT NULL DEFAULT 5,

    CONSTRAINT "SubmissionPart_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RubricCriterion" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "partId" TEXT,

    CONSTRAINT "RubricCriterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProficiencyLevel" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "label" TEXT NOT NULL,

    CONSTRAINT "ProficiencyLevel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RubricDescriptor" (
    "criterionId" TEXT NOT NULL,
    "levelId" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "RubricDescriptor_pkey" PRIMARY KEY ("criterionId","levelId")
);

-- CreateTable
CREATE TABLE "Alignment" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "targetName" TEXT NOT NULL,
    "targetUrl" TEXT NOT NULL,
    "targetDescription" TEXT,
    "targetFramework" TEXT,
    "targetCode" TEXT,

    CONSTRAINT "Alignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Stack" (
    "id" TEXT NOT NULL,
    "issuerId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "badgeColor" TEXT NOT NULL DEFAULT '#7c3aed',
    "status" "PublishStatus" NOT NULL DEFAULT 'DRAFT',
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Stack_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StackItem" (
    "stackId" TEXT NOT NULL,
    "microCredentialId" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "StackItem_pkey" PRIMARY KEY ("stackId","microCredentialId")
);

-- CreateTable
CREATE TABLE "CatalogEntry" (
    "id" TEXT NOT NULL,
    "kind" "CatalogKind" NOT NULL,
    "refId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "issuerId" TEXT NOT NULL,
    "issuerName" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "competency" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "topic" TEXT NOT NULL,
    "subjects" TEXT[],
    "gradeBands" TEXT[],
    "level" INTEGER,
    "pdHours" DECIMAL(6,1) NOT NULL,
    "stackSlugs" TEXT[],
    "badgeColor" TEXT NOT NULL DEFAULT '#1d4ed8',
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "search" tsvector,

    CONSTRAINT "CatalogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enrollment" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "trackId" TEXT,
    "microCredentialId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "Enrollment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Proposal" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "microCredentialId" TEXT NOT NULL,
    "studentGoals" TEXT NOT NULL,
    "plan" TEXT NOT NULL DEFAULT '',
    "status" "ProposalStatus" NOT NULL DEFAULT 'DRAFT',
    "decidedById" TEXT,
    "decisionComment" TEXT,
    "submittedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "microCredentialId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "status" "SubmissionStatus" NOT NULL DEFAULT 'DRAFT',
    "publicSummary" TEXT,
    "lastSubmittedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attempt" (
    "id" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "AttemptStatus" NOT NULL DEFAULT 'DRAFT',
    "submittedAt" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "doubleScore" BOOLEAN NOT NULL DEFAULT false,
    "needsAdjudication" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartResponse" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "partId" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "links" TEXT[],
    "wordCount" INTEGER NOT NULL DEFAULT 0,
    "carriedOver" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PartResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceFile" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "partId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "declaredType" TEXT NOT NULL,
    "detectedType" TEXT,
    "sizeBytes" BIGINT NOT NULL,
    "status" "FileStatus" NOT NULL DEFAULT 'PENDING',
    "multipartUploadId" TEXT,
    "rejectedReason" TEXT,
    "carriedOver" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "verifiedAt" TIMESTAMP(3),

    CONSTRAINT "EvidenceFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewerQualification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "microCredentialId" TEXT NOT NULL,
    "grantedById" TEXT,
    "calibratedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewerQualification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "kind" "ReviewKind" NOT NULL DEFAULT 'PRIMARY',
    "status" "ReviewStatus" NOT NULL DEFAULT 'CLAIMED',
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimExpiresAt" TIMESTAMP(3) NOT NULL,
    "assignedById" TEXT,
    "submittedAt" TIMESTAMP(3),
    "decision" "ReviewDecision",
    "overallComment" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CriterionScore" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "levelId" TEXT NOT NULL,
    "feedback" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "CriterionScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalibrationExemplar" (
    "id" TEXT NOT NULL,
    "microCredentialId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "responses" JSONB NOT NULL,
    "expectedRanks" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalibrationExemplar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalibrationResult" (
    "id" TEXT NOT NULL,
    "exemplarId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "ranks" JSONB NOT NULL,
    "exactAgreement" DOUBLE PRECISION NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalibrationResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IssuerKey" (
    "id" TEXT NOT NULL,
    "issuerId" TEXT NOT NULL,
    "did" TEXT NOT NULL,
    "publicKeyMultibase" TEXT NOT NULL,
    "secretKeyEncrypted" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "IssuerKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusList" (
    "id" TEXT NOT NULL,
    "issuerId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "bits" BYTEA NOT NULL,
    "nextIndex" INTEGER NOT NULL DEFAULT 0,
    "size" INTEGER NOT NULL DEFAULT 131072,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatusList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Award" (
    "id" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "issuerId" TEXT NOT NULL,
    "microCredentialId" TEXT,
    "versionId" TEXT,
    "stackId" TEXT,
    "submissionId" TEXT,
    "title" TEXT NOT NULL,
    "pdHours" DECIMAL(6,1) NOT NULL,
    "level" INTEGER,
    "recipientName" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "validUntil" TIMESTAMP(3),
    "credential" JSONB NOT NULL,
    "statusListId" TEXT NOT NULL,
    "statusListIndex" INTEGER NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revocationReason" TEXT,
    "suspendedAt" TIMESTAMP(3),

    CONSTRAINT "Award_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SalaryStepRule" (
    "id" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "minLevel" INTEGER NOT NULL DEFAULT 2,
    "credentialsRequired" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SalaryStepRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "href" TEXT,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailMessage" (
    "id" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3),
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 5,
    "lockedAt" TIMESTAMP(3),
    "lockedBy" TEXT,
    "lastError" TEXT,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "organizationId" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

-- CreateIndex
CREATE INDEX "Organization_kind_name_idx" ON "Organization"("kind", "name");

-- CreateIndex
CREATE INDEX "Organization_parentId_idx" ON "Organization"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_handle_key" ON "User"("handle");

-- CreateIndex
CREATE INDEX "User_districtId_idx" ON "User"("districtId");

-- CreateIndex
CREATE INDEX "User_schoolId_idx" ON "User"("schoolId");

-- CreateIndex
CREATE INDEX "Membership_organizationId_role_idx" ON "Membership"("organizationId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_organizationId_role_key" ON "Membership"("userId", "organizationId", "role");

-- CreateIndex
CREATE INDEX "Account_userId_idx" ON "Account"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_organizationId_createdAt_idx" ON "Invitation"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "Invitation_email_idx" ON "Invitation"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Track_slug_key" ON "Track"("slug");

-- CreateIndex
CREATE INDEX "Track_issuerId_status_idx" ON "Track"("issuerId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "MicroCredential_slug_key" ON "MicroCredential"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "MicroCredential_currentVersionId_key" ON "MicroCredential"("currentVersionId");

-- CreateIndex
CREATE INDEX "MicroCredential_issuerId_status_idx" ON "MicroCredential"("issuerId", "status");

-- CreateIndex
CREATE INDEX "MicroCredential_status_publishedAt_idx" ON "MicroCredential"("status", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "MicroCredential_trackId_level_key" ON "MicroCredential"("trackId", "level");

-- CreateIndex
CREATE UNIQUE INDEX "MicroCredentialVersion_microCredentialId_version_key" ON "MicroCredentialVersion"("microCredentialId", "version");

-- CreateIndex
CREATE INDEX "Resource_versionId_sortOrder_idx" ON "Resource"("versionId", "sortOrder");

-- CreateIndex
CREATE INDEX "ResourceProgress_resourceId_idx" ON "ResourceProgress"("resourceId");

-- CreateIndex
CREATE INDEX "SubmissionPart_versionId_sortOrder_idx" ON "SubmissionPart"("versionId", "sortOrder");

-- CreateIndex
CREATE INDEX "RubricCriterion_versionId_sortOrder_idx" ON "RubricCriterion"("versionId", "sortOrder");

-- CreateIndex
CREATE INDEX "RubricCriterion_partId_idx" ON "RubricCriterion"("partId");

-- CreateIndex
CREATE UNIQUE INDEX "ProficiencyLevel_versionId_rank_key" ON "ProficiencyLevel"("versionId", "rank");

-- CreateIndex
CREATE INDEX "RubricDescriptor_levelId_idx" ON "RubricDescriptor"("levelId");

-- CreateIndex
CREATE INDEX "Alignment_versionId_idx" ON "Alignment"("versionId");

-- CreateIndex
CREATE UNIQUE INDEX "Stack_slug_key" ON "Stack"("slug");

-- CreateIndex
CREATE INDEX "Stack_issuerId_status_idx" ON "Stack"("issuerId", "status");

-- CreateIndex
CREATE INDEX "StackItem_microCredentialId_idx" ON "StackItem"("microCredentialId");

-- CreateIndex
CREATE INDEX "CatalogEntry_publishedAt_id_idx" ON "CatalogEntry"("publishedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "CatalogEntry_issuerId_idx" ON "CatalogEntry"("issuerId");

-- CreateIndex
CREATE INDEX "CatalogEntry_topic_idx" ON "CatalogEntry"("topic");

-- CreateIndex
CREATE INDEX "CatalogEntry_level_idx" ON "CatalogEntry"("level");

-- CreateIndex
CREATE INDEX "CatalogEntry_search_idx" ON "CatalogEntry" USING GIN ("search");

-- CreateIndex
CREATE INDEX "CatalogEntry_subjects_idx" ON "CatalogEntry" USING GIN ("subjects");

-- CreateIndex
CREATE INDEX "CatalogEntry_gradeBands_idx" ON "CatalogEntry" USING GIN ("gradeBands");

-- CreateIndex
CREATE INDEX "CatalogEntry_stackSlugs_idx" ON "CatalogEntry" USING GIN ("stackSlugs");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogEntry_kind_refId_key" ON "CatalogEntry"("kind", "refId");

-- CreateIndex
CREATE INDEX "Enrollment_trackId_idx" ON "Enrollment"("trackId");

-- CreateIndex
CREATE INDEX "Enrollment_microCredentialId_createdAt_idx" ON "Enrollment"("microCredentialId", "createdAt");

-- CreateIndex
CREATE INDEX "Enrollment_createdAt_idx" ON "Enrollment"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Enrollment_userId_trackId_key" ON "Enrollment"("userId", "trackId");

-- CreateIndex
CREATE UNIQUE INDEX "Enrollment_userId_microCredentialId_key" ON "Enrollment"("userId", "microCredentialId");

-- CreateIndex
CREATE INDEX "Proposal_districtId_status_submittedAt_idx" ON "Proposal"("districtId", "status", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Proposal_userId_microCredentialId_key" ON "Proposal"("userId", "microCredentialId");

-- CreateIndex
CREATE INDEX "Submission_microCredentialId_status_idx" ON "Submission"("microCredentialId", "status");

-- CreateIndex
CREATE INDEX "Submission_status_lastSubmittedAt_idx" ON "Submission"("status", "lastSubmittedAt");

-- CreateIndex
CREATE INDEX "Submission_versionId_idx" ON "Submission"("versionId");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_userId_microCredentialId_key" ON "Submission"("userId", "microCredentialId");

-- CreateIndex
CREATE INDEX "Attempt_status_submittedAt_idx" ON "Attempt"("status", "submittedAt");

-- CreateIndex
CREATE INDEX "Attempt_status_needsAdjudication_idx" ON "Attempt"("status", "needsAdjudication");

-- CreateIndex
CREATE UNIQUE INDEX "Attempt_submissionId_number_key" ON "Attempt"("submissionId", "number");

-- CreateIndex
CREATE INDEX "PartResponse_partId_idx" ON "PartResponse"("partId");

-- CreateIndex
CREATE UNIQUE INDEX "PartResponse_attemptId_partId_key" ON "PartResponse"("attemptId", "partId");

-- CreateIndex
CREATE INDEX "EvidenceFile_attemptId_partId_idx" ON "EvidenceFile"("attemptId", "partId");

-- CreateIndex
CREATE INDEX "EvidenceFile_storageKey_idx" ON "EvidenceFile"("storageKey");

-- CreateIndex
CREATE INDEX "EvidenceFile_ownerId_idx" ON "EvidenceFile"("ownerId");

-- CreateIndex
CREATE INDEX "EvidenceFile_status_createdAt_idx" ON "EvidenceFile"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewerQualification_microCredentialId_idx" ON "ReviewerQualification"("microCredentialId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewerQualification_userId_microCredentialId_key" ON "ReviewerQualification"("userId", "microCredentialId");

-- CreateIndex
CREATE INDEX "Review_attemptId_kind_status_idx" ON "Review"("attemptId", "kind", "status");

-- CreateIndex
CREATE INDEX "Review_reviewerId_status_claimedAt_idx" ON "Review"("reviewerId", "status", "claimedAt");

-- CreateIndex
CREATE INDEX "Review_status_claimExpiresAt_idx" ON "Review"("status", "claimExpiresAt");

-- CreateIndex
CREATE INDEX "Review_status_submittedAt_idx" ON "Review"("status", "submittedAt");

-- CreateIndex
CREATE INDEX "CriterionScore_criterionId_idx" ON "CriterionScore"("criterionId");

-- CreateIndex
CREATE INDEX "CriterionScore_levelId_idx" ON "CriterionScore"("levelId");

-- CreateIndex
CREATE UNIQUE INDEX "CriterionScore_reviewId_criterionId_key" ON "CriterionScore"("reviewId", "criterionId");

-- CreateIndex
CREATE INDEX "CalibrationExemplar_microCredentialId_idx" ON "CalibrationExemplar"("microCredentialId");

-- CreateIndex
CREATE INDEX "CalibrationResult_reviewerId_exemplarId_idx" ON "CalibrationResult"("reviewerId", "exemplarId");

-- CreateIndex
CREATE INDEX "CalibrationResult_exemplarId_idx" ON "CalibrationResult"("exemplarId");

-- CreateIndex
CREATE UNIQUE INDEX "IssuerKey_did_key" ON "IssuerKey"("did");

-- CreateIndex
CREATE INDEX "IssuerKey_issuerId_retiredAt_idx" ON "IssuerKey"("issuerId", "retiredAt");

-- CreateIndex
CREATE INDEX "StatusList_issuerId_purpose_idx" ON "StatusList"("issuerId", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "StatusList_issuerId_purpose_id_key" ON "StatusList"("issuerId", "purpose", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Award_submissionId_key" ON "Award"("submissionId");

-- CreateIndex
CREATE INDEX "Award_userId_issuedAt_idx" ON "Award"("userId", "issuedAt");

-- CreateIndex
CREATE INDEX "Award_issuerId_issuedAt_idx" ON "Award"("issuerId", "issuedAt");

-- CreateIndex
CREATE INDEX "Award_microCredentialId_idx" ON "Award"("microCredentialId");

-- CreateIndex
CREATE INDEX "Award_issuedAt_idx" ON "Award"("issuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Award_userId_stackId_key" ON "Award"("userId", "stackId");

-- CreateIndex
CREATE UNIQUE INDEX "Award_statusListId_statusListIndex_key" ON "Award"("statusListId", "statusListIndex");

-- CreateIndex
CREATE INDEX "SalaryStepRule_districtId_sortOrder_idx" ON "SalaryStepRule"("districtId", "sortOrder");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "EmailMessage_createdAt_idx" ON "EmailMessage"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "Job_completedAt_runAt_idx" ON "Job"("completedAt", "runAt");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_at_idx" ON "AuditLog"("entityType", "entityId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_organizationId_at_idx" ON "AuditLog"("organizationId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Track" ADD CONSTRAINT "Track_issuerId_fkey" FOREIGN KEY ("issuerId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MicroCredential" ADD CONSTRAINT "MicroCredential_issuerId_fkey" FOREIGN KEY ("issuerId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MicroCredential" ADD CONSTRAINT "MicroCredential_trackId_fkey" FOREIGN KEY ("trackId") REFERENCES "Track"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MicroCredential" ADD CONSTRAINT "MicroCredential_currentVersionId_fkey" FOREIGN KEY ("currentVersionId") REFERENCES "MicroCredentialVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MicroCredentialVersion" ADD CONSTRAINT "MicroCredentialVersion_microCredentialId_fkey" FOREIGN KEY ("microCredentialId") REFERENCES "MicroCredential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resource" ADD CONSTRAINT "Resource_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "MicroCredentialVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourceProgress" ADD CONSTRAINT "ResourceProgress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourceProgress" ADD CONSTRAINT "ResourceProgress_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionPart" ADD CONSTRAINT "SubmissionPart_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "MicroCredentialVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RubricCriterion" ADD CONSTRAINT "RubricCriterion_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "MicroCredentialVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RubricCriterion" ADD CONSTRAINT "RubricCriterion_partId_fkey" FOREIGN KEY ("partId") REFERENCES "SubmissionPart"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProficiencyLevel" ADD CONSTRAINT "ProficiencyLevel_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "MicroCredentialVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RubricDescriptor" ADD CONSTRAINT "RubricDescriptor_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "RubricCriterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RubricDescriptor" ADD CONSTRAINT "RubricDescriptor_levelId_fkey" FOREIGN KEY ("levelId") REFERENCES "ProficiencyLevel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alignment" ADD CONSTRAINT "Alignment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "MicroCredentialVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Stack" ADD CONSTRAINT "Stack_issuerId_fkey" FOREIGN KEY ("issuerId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StackItem" ADD CONSTRAINT "StackItem_stackId_fkey" FOREIGN KEY ("stackId") REFERENCES "Stack"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StackItem" ADD CONSTRAINT "StackItem_microCredentialId_fkey" FOREIGN KEY ("microCredentialId") REFERENCES "MicroCredential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_trackId_fkey" FOREIGN KEY ("trackId") REFERENCES "Track"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_microCredentialId_fkey" FOREIGN KEY ("microCredentialId") REFERENCES "MicroCredential"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_microCredentialId_fkey" FOREIGN KEY ("microCredentialId") REFERENCES "MicroCredential"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_microCredentialId_fkey" FOREIGN KEY ("microCredentialId") REFERENCES "MicroCredential"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "MicroCredentialVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attempt" ADD CONSTRAINT "Attempt_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartResponse" ADD CONSTRAINT "PartResponse_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartResponse" ADD CONSTRAINT "PartResponse_partId_fkey" FOREIGN KEY ("partId") REFERENCES "SubmissionPart"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_partId_fkey" FOREIGN KEY ("partId") REFERENCES "SubmissionPart"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerQualification" ADD CONSTRAINT "ReviewerQualification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerQualification" ADD CONSTRAINT "ReviewerQualification_microCredentialId_fkey" FOREIGN KEY ("microCredentialId") REFERENCES "MicroCredential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerQualification" ADD CONSTRAINT "ReviewerQualification_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriterionScore" ADD CONSTRAINT "CriterionScore_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriterionScore" ADD CONSTRAINT "CriterionScore_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "RubricCriterion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriterionScore" ADD CONSTRAINT "CriterionScore_levelId_fkey" FOREIGN KEY ("levelId") REFERENCES "ProficiencyLevel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalibrationExemplar" ADD CONSTRAINT "CalibrationExemplar_microCredentialId_fkey" FOREIGN KEY ("microCredentialId") REFERENCES "MicroCredential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalibrationResult" ADD CONSTRAINT "CalibrationResult_exemplarId_fkey" FOREIGN KEY ("exemplarId") REFERENCES "CalibrationExemplar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalibrationResult" ADD CONSTRAINT "CalibrationResult_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssuerKey" ADD CONSTRAINT "IssuerKey_issuerId_fkey" FOREIGN KEY ("issuerId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusList" ADD CONSTRAINT "StatusList_issuerId_fkey" FOREIGN KEY ("issuerId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_issuerId_fkey" FOREIGN KEY ("issuerId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_microCredentialId_fkey" FOREIGN KEY ("microCredentialId") REFERENCES "MicroCredential"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_stackId_fkey" FOREIGN KEY ("stackId") REFERENCES "Stack"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Award" ADD CONSTRAINT "Award_statusListId_fkey" FOREIGN KEY ("statusListId") REFERENCES "StatusList"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalaryStepRule" ADD CONSTRAINT "SalaryStepRule_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Catalogue search vector, kept by a trigger (Prisma cannot model generated columns, and would
-- otherwise try to drop the expression in every later migration).
CREATE FUNCTION catalog_entry_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."search" :=
    setweight(to_tsvector('english', coalesce(NEW."title", '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW."competency", '')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW."summary", '') || ' ' || coalesce(NEW."issuerName", '') || ' ' || coalesce(NEW."topic", '')), 'C') ||
    setweight(to_tsvector('english', coalesce(NEW."body", '')), 'D');
  RETURN NEW;
END;
$$;
CREATE TRIGGER "CatalogEntry_search" BEFORE INSERT OR UPDATE ON "CatalogEntry"
  FOR EACH ROW EXECUTE FUNCTION catalog_entry_search_vector();

-- The audit log is append-only: nothing may rewrite or erase history.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditLog is append-only';
END;
$$;
CREATE TRIGGER "AuditLog_append_only" BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
