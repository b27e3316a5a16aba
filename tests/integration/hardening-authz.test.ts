// Authorization matrix: every domain read and write that a page, action or route handler reaches,
// called by every kind of person in one fixture world. A denied cell must end in FORBIDDEN or
// NOT_FOUND (or an empty/null answer for queries) with no row changed anywhere; an allowed cell
// must get past authorization. Anonymous visitors never reach these functions (actions and routes
// call requireActor()/getActor() first); they are covered through HTTP in tests/e2e/hardening.spec.ts.
import { decideDistrictRequest, decideDistrictRequests, listDistrictRequests } from '@/lib/district/requests';
import { issuedAwardsCsv, listIssuedAwards } from '@/lib/awards/issued';
import { getIssuerSettings, updateIssuerProfile, updateIssuerReviewSettings } from '@/lib/organizations/issuer-settings';
import { createOrganization, listOrganizations, searchAccounts, setAccountDisabled } from '@/lib/organizations/platform';
import { addSchool, listSchoolsWithCounts, renameDistrict, renameSchool } from '@/lib/district/schools';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { isDomainError } from '@/lib/errors';
import { resetDatabase } from '@/tests/setup/db';
import { sampleDefinition } from '@/tests/factories';
import { buildWorld, changedTables, tableFingerprints, type World } from '@/tests/setup/fault-world';
import { getApplication } from '@/lib/submissions/queries';
import { DistrictPolicyInput, getDistrictPolicy, saveDistrictPolicy } from '@/lib/district/policy-settings';
import { listSalaryIssuerChoices, searchApprovableCredentials } from '@/lib/district/salary-approval';
import { inviteTeachersFromFile, previewBulkInvite } from '@/lib/people/bulk-invite';
import { getTranscript, type TranscriptPeriod } from '@/lib/reporting/transcript';
import { getSubmissionRecord } from '@/lib/submissions/admin-record';
import { saveResponse, startRevision, submitAttempt } from '@/lib/submissions/mutations';
import { closeEvidenceConcern, reportEvidenceConcern } from '@/lib/evidence/concerns';
import { completeUpload, getEvidenceUrl, presignUploadParts, removeFile, requestUpload } from '@/lib/evidence/uploads';
import { assignReview, claimReview, grantQualification, releaseReview, saveReviewDraft, submitReview } from '@/lib/review/mutations';
import { getReviewWorkspace, listAssignableReviewers, listReviewQueue, listOpenAttemptsForAssignment } from '@/lib/review/queries';
import { requestSecondLook } from '@/lib/review/second-look';
import { getCalibration } from '@/lib/review/calibration';
import { getReviewQuality } from '@/lib/review/quality';
import { decideProposal } from '@/lib/proposals/mutations';
import { reinstateAward, revokeAward, suspendAward } from '@/lib/awards/revoke';
import { rotateIssuerKey } from '@/lib/awards/keys';
import { createMicroCredential, deleteDraftMicroCredential, publishMicroCredential, republishMicroCredential, retireMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { requestBadgeUpload, confirmBadgeUpload } from '@/lib/authoring/badge-image';
import { exportCredential, importCredential } from '@/lib/authoring/import-export';
import { createIssuerTrack, publishTrack, retireTrack, updateTrack } from '@/lib/authoring/tracks';
import { createIssuerStack, publishStack, retireStack, updateStack } from '@/lib/authoring/stacks';
import { getCredentialForEdit, getStackForEdit, getTrackForEdit } from '@/lib/authoring/queries';
import { acceptInvitation, cancelInvitation, changeRole, importBulkEnrol, inviteMember, previewBulkEnrol, resendInvitation, setReviewerQualification } from '@/lib/people/mutations';
import { listOrgMembers, listPendingInvitations } from '@/lib/people/queries';
import { getDistrictHome, getDistrictTeacherRecord, listDistrictTeachers, listRecentDistrictAwards } from '@/lib/district/queries';
import { listDistrictInvitations, listDistrictLeaders, listDistrictSchools, removeTeacherFromDistrict, setTeacherSchool } from '@/lib/district/people';
import { pdHoursByMonth, pdHoursByTeacher, renewalCredentials, renewalRule, salaryStepEligibility, skillsReport } from '@/lib/reporting/district';
import { withdrawSentAttempt } from '@/lib/submissions/withdraw';
import { listIssuerApplications } from '@/lib/submissions/admin-list';
import { getVersionPreview } from '@/lib/authoring/preview';
import { districtReportCsv } from '@/lib/reporting/exports';
import { addRecommendation, countDistrictRecommendations, listDistrictRecommendations, removeRecommendation, updateRecommendation } from '@/lib/district/recommendations';
import { issuerActivitySeries, reviewerWorkload } from '@/lib/reporting/issuer';
import { resolvePeriod } from '@/lib/reporting/schemas';
import { listAuditLog, listRecentIssuerAudit } from '@/lib/audit/queries';
import { AuditFilterInput } from '@/lib/audit/schemas';
import { createActor, createOrg, SAMPLE_PDF } from '@/tests/factories';
import { getSchoolHome, listRecentSchoolAwards, listSchoolTeachers } from '@/lib/school/queries';
import { listSchoolRecommendations } from '@/lib/school/recommendations';
import { schoolReportCsv } from '@/lib/reporting/exports';
import { listSchoolLeaders } from '@/lib/district/people';
import { deleteCredentialFeedback, saveCredentialFeedback } from '@/lib/credential-feedback/mutations';
import { getCredentialFeedbackReport, getFeedbackForm } from '@/lib/credential-feedback/queries';
import { answerCredentialQuestion, askCredentialQuestion, setCredentialQuestionShared, withdrawCredentialQuestion } from '@/lib/credential-questions/mutations';
import { getIssuerQuestion, listIssuerQuestions, listOwnQuestions } from '@/lib/credential-questions/queries';
import { addExternalLearning, deleteExternalLearning, editExternalLearning } from '@/lib/external-learning/mutations';
import { listOwnExternalLearning } from '@/lib/external-learning/queries';
import { cancelCertificateUpload, completeCertificateUpload, getCertificateUrl, removeCertificate, requestCertificateUpload } from '@/lib/external-learning/certificates';
import { externalLearningFields } from '@/lib/external-learning/schemas';
import { getColleaguesOnCredential, listColleagues } from '@/lib/colleagues/queries';
import { setSharesWithColleagues } from '@/lib/colleagues/mutations';

// SL1 leads School One (a principal, ADR 016): every district row below refuses them.
const ACTORS = ['T1', 'T2', 'R', 'RC', 'adminA', 'adminB', 'L1', 'L2', 'SL1'] as const;
type ActorKey = (typeof ACTORS)[number];

type Row = {
  name: string;
  allow: ActorKey[];
  run: (actor: Actor) => Promise<unknown>;
  /** For queries that answer a denial with null/empty instead of throwing: true when nothing foreign came back. */
  denied?: (value: unknown) => boolean;
};

type Cell = { mark: string; ok: boolean; detail?: string };

const uid = () => randomBytes(4).toString('hex');
const json = (v: unknown) => JSON.stringify(v ?? null, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
const period = resolvePeriod({ from: '2000-01-01', to: '2100-01-01' });

let w: World;
let actors: Record<ActorKey, Actor>;
const ctx: { reviewId?: string; concernId?: string; invitationA?: string; invitationS1?: string; recommendationId?: string; s1b?: string; spareDraftId?: string; questionId?: string; waitingQuestionId?: string; withdrawQuestionId?: string; externalLearningId?: string; questionDraftId?: string; certificateId?: string; pendingCertificateId?: string; cancelCertificateId?: string } = {};

beforeAll(async () => {
  await resetDatabase();
  w = await buildWorld();
  // School One's leader, and a second school of District One beside theirs.
  const schoolLeader1 = await createActor({ name: 'School Leader One', roles: [{ role: 'SCHOOL_LEADER', organizationId: w.s1.id }] });
  ctx.s1b = (await createOrg({ kind: 'SCHOOL', name: 'School One B', parentId: w.d1.id })).id;
  actors = { T1: w.t1, T2: w.t2, R: w.reviewer, RC: w.conflicted, adminA: w.adminA, adminB: w.adminB, L1: w.leader1, L2: w.leader2, SL1: schoolLeader1 };
  // Open invitations of their own for the cancel and resend rows (w.inviteToken's stays open for acceptInvitation).
  ctx.invitationA = (await inviteMember({ actor: w.adminA, organizationId: w.issuerA.id, email: 'resend-reviewer@example.test', role: 'REVIEWER' })).invitationId;
  ctx.invitationS1 = (await inviteMember({ actor: w.leader1, organizationId: w.s1.id, email: 'resend-teacher@example.test', role: 'TEACHER' })).invitationId;
  // District One's recommendation, for the edit and remove rows (app/district/recommendations).
  // A never-published draft of issuer A, for the delete row (its admin really deletes it).
  ctx.spareDraftId = (await createMicroCredential({ actor: w.adminA, issuerId: w.issuerA.id, def: sampleDefinition({ slug: 'spare-draft' }) })).id;
  ctx.recommendationId = (await addRecommendation({ actor: w.leader1, input: { districtId: w.d1.id, kind: 'MICRO_CREDENTIAL', targetId: w.mcA.mc.id, schoolId: null, note: 'Ours.' } })).id;
  // Questions to issuer A about mcA (app/micro-credentials/[slug]/questions, app/admin/questions).
  ctx.questionId = (await askCredentialQuestion({ actor: w.t1, microCredentialId: w.mcA.mc.id, body: 'Will last year’s lesson video do?' })).questionId;
  ctx.waitingQuestionId = (await askCredentialQuestion({ actor: w.t2, microCredentialId: w.mcA.mc.id, body: 'Does a transcript count?' })).questionId;
  ctx.withdrawQuestionId = (await askCredentialQuestion({ actor: w.t1, microCredentialId: w.mcA.mc.id, body: 'Can I co-teach the lesson?' })).questionId;
  // A draft that stays one (w.draftMc is published by the authoring rows before the question rows run).
  ctx.questionDraftId = (await createMicroCredential({ actor: w.adminA, issuerId: w.issuerA.id, def: sampleDefinition({ slug: 'question-draft' }) })).id;
  // T1's record of learning done elsewhere (app/badges/other-learning).
  ctx.externalLearningId = (await addExternalLearning({ actor: w.t1, input: externalLearningFields('2026-11-24').parse({ title: 'Summit', provider: 'DPI', completedOn: '2026-03-14', pdHours: '6' }) })).entry.id;
  // Its certificate, attached (for the open row), and a second upload sent but not finished (for the complete row).
  const putCertificate = async () => {
    const t = await requestCertificateUpload({ actor: w.t1, learningId: ctx.externalLearningId!, fileName: 'summit.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
    expect((await fetch(t.url, { method: 'PUT', body: Buffer.from(SAMPLE_PDF), headers: { 'content-type': t.contentType } })).status).toBe(200);
    return t.certificateId;
  };
  ctx.certificateId = (await completeCertificateUpload({ actor: w.t1, certificateId: await putCertificate() })).id;
  ctx.pendingCertificateId = await putCertificate();
  ctx.cancelCertificateId = await putCertificate();
  // Colleagues (app/colleagues): T1 and RC teach at School One and share; T2 shares too, alone at School Two.
  await db.user.updateMany({ where: { id: { in: [w.t1.id, w.conflicted.id, w.t2.id] } }, data: { sharesWithColleagues: true } });
}, 120_000);

function rows(): Row[] {
  const notNull = (v: unknown) => v === null || v === undefined;
  const pdf = 'student-work.pdf';
  const attemptVersion = async (id: string) => (await db.attempt.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
  const reviewVersion = async () => (await db.review.findUniqueOrThrow({ where: { id: ctx.reviewId! }, select: { version: true } })).version;
  // The settings as a freshly loaded form shows them (a save from an older form is refused).
  const issuerASeenAt = async () => (await db.organization.findUniqueOrThrow({ where: { id: w.issuerA.id }, select: { updatedAt: true } })).updatedAt;
  return [
    // ── The teacher's own application and evidence ──
    {
      name: 'getApplication (T1 application)', allow: ['T1'],
      run: (a) => getApplication(a, w.mcA.mc.slug),
      denied: (v) => !json(v).includes(w.t1A.attemptId),
    },
    // The PD transcript (app/badges/transcript) reads only the signed-in person's own badges: T1's award never shows for anyone else.
    {
      name: 'getTranscript (T1 award)', allow: ['T1'],
      run: (a) => getTranscript({ actor: a, period: { choice: 'all', from: null, to: null, fromLabel: null, toLabel: null } as TranscriptPeriod }),
      denied: (v) => !json(v).includes(w.award.id),
    },
    { name: 'getEvidenceUrl (T1 file, unclaimed)', allow: ['T1', 'adminA'], run: (a) => getEvidenceUrl({ actor: a, fileId: w.t1File, inline: false }) },
    {
      name: 'listReviewQueue (T1 attempt visible)', allow: ['R'],
      run: (a) => listReviewQueue({ actor: a }),
      denied: (v) => !(v as { items: { attemptId: string }[] }).items.some((i) => i.attemptId === w.t1A.attemptId),
    },
    {
      name: 'claimReview (T1 attempt)', allow: ['R'],
      run: async (a) => {
        const r = await claimReview({ actor: a, attemptId: w.t1A.attemptId });
        ctx.reviewId = r.reviewId;
        return r;
      },
    },
    { name: 'getEvidenceUrl (T1 file, R holds the claim)', allow: ['T1', 'adminA', 'R'], run: (a) => getEvidenceUrl({ actor: a, fileId: w.t1File, inline: true }) },
    { name: 'getReviewWorkspace (R review)', allow: ['R'], run: (a) => getReviewWorkspace({ actor: a, reviewId: ctx.reviewId! }), denied: notNull },
    {
      name: 'reportEvidenceConcern (R review, T1 file)', allow: ['R'],
      run: async (a) => {
        const r = await reportEvidenceConcern({ actor: a, reviewId: ctx.reviewId!, fileId: w.t1File, reason: 'OTHER', note: 'Please check consent for this recording.' });
        ctx.concernId = r.concernId;
        return r;
      },
    },
    { name: 'closeEvidenceConcern (R report on T1 file)', allow: ['adminA'], run: (a) => closeEvidenceConcern({ actor: a, concernId: ctx.concernId!, note: 'Consent is on file.' }) },
    { name: 'getSubmissionRecord (T1 application)', allow: ['adminA'], run: (a) => getSubmissionRecord({ actor: a, submissionId: w.t1A.submissionId }), denied: notNull },
    { name: 'saveReviewDraft (R review)', allow: ['R'], run: async (a) => saveReviewDraft({ actor: a, reviewId: ctx.reviewId!, version: await reviewVersion(), scores: [], overallComment: 'x' }) },
    {
      name: 'submitReview (R review, revise)', allow: ['R'],
      run: async (a) =>
        submitReview({
          actor: a, reviewId: ctx.reviewId!, version: await reviewVersion(), attemptVersion: await attemptVersion(w.t1A.attemptId), overallComment: 'Please revise.',
          scores: w.mcA.version.criteria.map((c) => ({ criterionId: c.id, levelId: w.mcA.version.levels[1].id, feedback: 'Add detail.' })),
        }),
    },
    { name: 'releaseReview (R review)', allow: ['R'], run: (a) => releaseReview({ actor: a, reviewId: ctx.reviewId! }) },
    { name: 'startRevision (T1 submission)', allow: ['T1'], run: (a) => startRevision({ actor: a, submissionId: w.t1A.submissionId }) },
    // After the revision started, so it does not take the teacher's revision away: the issuer's admin gets past authorization (and is told it is too late).
    { name: 'requestSecondLook (T1 returned attempt)', allow: ['adminA'], run: async (a) => requestSecondLook({ actor: a, attemptId: w.t1A.attemptId, version: await attemptVersion(w.t1A.attemptId), reason: 'Misread.' }) },
    { name: 'saveResponse (T1 draft)', allow: ['T1'], run: (a) => saveResponse({ actor: a, attemptId: w.t1C.attemptId, partId: w.mcC.version.parts[0].id, text: 'Changed.', links: [], revision: 1 }) },
    { name: 'completeUpload (T1 pending file)', allow: ['T1'], run: (a) => completeUpload({ actor: a, fileId: w.pendingToComplete }) },
    { name: 'presignUploadParts (T1 pending file)', allow: ['T1'], run: (a) => presignUploadParts({ actor: a, fileId: w.pendingToRemove, partNumbers: [1] }) },
    { name: 'removeFile (T1 pending file)', allow: ['T1'], run: (a) => removeFile({ actor: a, fileId: w.pendingToRemove }) },
    { name: 'submitAttempt (T1 draft)', allow: ['T1'], run: (a) => submitAttempt({ actor: a, attemptId: w.t1C.attemptId }) },
    // Sent and not yet opened by anyone: only its teacher may take it back (ADR 017).
    { name: 'withdrawSentAttempt (T1 sent attempt)', allow: ['T1'], run: (a) => withdrawSentAttempt({ actor: a, attemptId: w.t1C.attemptId }) },
    { name: 'requestUpload (T1 attempt)', allow: ['T1'], run: (a) => requestUpload({ actor: a, attemptId: w.t1C.attemptId, partId: w.filePartC, fileName: pdf, contentType: 'application/pdf', size: 1000 }) },
    { name: 'requestUpload (T2 draft)', allow: ['T2'], run: (a) => requestUpload({ actor: a, attemptId: w.t2A.attemptId, partId: w.mcA.version.parts[1].id, fileName: pdf, contentType: 'application/pdf', size: 1000 }) },

    // ── Review administration ──
    { name: 'listAssignableReviewers (T2 attempt)', allow: ['adminA'], run: (a) => listAssignableReviewers({ actor: a, attemptId: w.t2A2.attemptId }), denied: notNull },
    {
      name: 'listOpenAttemptsForAssignment', allow: ['adminA'],
      run: (a) => listOpenAttemptsForAssignment({ actor: a }),
      denied: (v) => !json(v).includes(w.t2A2.attemptId),
    },
    { name: 'assignReview (T2 attempt to R)', allow: ['adminA'], run: (a) => assignReview({ actor: a, attemptId: w.t2A2.attemptId, reviewerId: w.reviewer.id }) },
    { name: 'grantQualification (mcC to R)', allow: ['adminA'], run: (a) => grantQualification({ actor: a, microCredentialId: w.mcC.mc.id, email: w.reviewer.email }) },
    { name: 'getCalibration (mcA)', allow: ['R', 'RC', 'adminA'], run: (a) => getCalibration({ actor: a, microCredentialId: w.mcA.mc.id }), denied: notNull },
    {
      name: 'getReviewQuality (scoped to own issuer)', allow: ['adminA', 'adminB'],
      run: async (a) => {
        const v = await getReviewQuality({ actor: a, from: period.from, to: period.to });
        // An admin of issuer B sees nothing of issuer A's credentials.
        if (a.id === w.adminB.id && json(v).includes(w.mcA.mc.id)) throw new Error('LEAK: issuer A data in issuer B review quality');
        return v;
      },
    },

    // ── Districts, proposals, awards, keys ──
    { name: 'decideProposal (District One)', allow: ['L1'], run: (a) => decideProposal({ actor: a, proposalId: w.proposal.id, decision: 'APPROVED', comment: '', version: 0 }) },
    { name: 'suspendAward (issued by B)', allow: ['adminB'], run: (a) => suspendAward({ actor: a, awardId: w.award.id, reason: 'Under investigation.' }) },
    { name: 'reinstateAward (issued by B)', allow: ['adminB'], run: (a) => reinstateAward({ actor: a, awardId: w.award.id, note: 'Cleared.' }) },
    { name: 'revokeAward (issued by B)', allow: ['adminB'], run: (a) => revokeAward({ actor: a, awardId: w.award.id, reason: 'Issued in error.' }) },
    { name: 'rotateIssuerKey (issuer A)', allow: ['adminA'], run: (a) => rotateIssuerKey({ actor: a, issuerId: w.issuerA.id }) },

    // ── Authoring (issuer A) ──
    { name: 'getCredentialForEdit (draft)', allow: ['adminA'], run: (a) => getCredentialForEdit({ actor: a, microCredentialId: w.draftMc.id }) },
    { name: 'exportCredential (mcA)', allow: ['adminA'], run: (a) => exportCredential({ actor: a, microCredentialId: w.mcA.mc.id }) },
    { name: 'saveMicroCredentialDraft (draft)', allow: ['adminA'], run: (a) => saveMicroCredentialDraft({ actor: a, microCredentialId: w.draftMc.id, def: sampleDefinition({ slug: w.draftMc.slug }) }) },
    // With a picture: authorized before the key is looked at (issuer A's admin is then told it is not kept).
    { name: 'saveMicroCredentialDraft with a badge image (draft)', allow: ['adminA'], run: (a) => saveMicroCredentialDraft({ actor: a, microCredentialId: w.draftMc.id, def: sampleDefinition({ slug: w.draftMc.slug }), badgeImageKey: `badges/${w.issuerA.id}/${'0'.repeat(32)}.png` }) },
    { name: 'publishMicroCredential (draft)', allow: ['adminA'], run: (a) => publishMicroCredential({ actor: a, microCredentialId: w.draftMc.id }) },
    { name: 'retireMicroCredential (draft)', allow: ['adminA'], run: (a) => retireMicroCredential({ actor: a, microCredentialId: w.draftMc.id }) },
    { name: 'deleteDraftMicroCredential (a never-published draft)', allow: ['adminA'], run: (a) => deleteDraftMicroCredential({ actor: a, microCredentialId: ctx.spareDraftId! }) },
    { name: 'republishMicroCredential (retired above)', allow: ['adminA'], run: (a) => republishMicroCredential({ actor: a, microCredentialId: w.draftMc.id }) },
    { name: 'createMicroCredential (issuer A)', allow: ['adminA'], run: (a) => createMicroCredential({ actor: a, issuerId: w.issuerA.id, def: sampleDefinition() }) },
    { name: 'createMicroCredential (issuer A, unfinished draft)', allow: ['adminA'], run: (a) => createMicroCredential({ actor: a, issuerId: w.issuerA.id, def: { slug: `u-${uid()}`, title: 'T', pdHours: 1 } as never, allowIncomplete: true }) },
    { name: 'importCredential (issuer A)', allow: ['adminA'], run: (a) => importCredential({ actor: a, issuerId: w.issuerA.id, json: JSON.stringify(sampleDefinition()) }) },
    { name: 'requestBadgeUpload (issuer A)', allow: ['adminA'], run: (a) => requestBadgeUpload({ actor: a, issuerId: w.issuerA.id, size: 1000 }) },
    { name: 'confirmBadgeUpload (issuer A)', allow: ['adminA'], run: (a) => confirmBadgeUpload({ actor: a, issuerId: w.issuerA.id, key: `uploads/badges/${w.issuerA.id}/${'0'.repeat(32)}.png` }) },
    { name: 'getTrackForEdit', allow: ['adminA'], run: (a) => getTrackForEdit({ actor: a, trackId: w.track.id }) },
    { name: 'createIssuerTrack', allow: ['adminA'], run: (a) => createIssuerTrack({ actor: a, issuerId: w.issuerA.id, def: { slug: `t-${uid()}`, title: 'T', summary: 'S', topic: 'X' } }) },
    { name: 'updateTrack', allow: ['adminA'], run: async (a) => updateTrack({ actor: a, trackId: w.track.id, seenUpdatedAt: (await db.track.findUniqueOrThrow({ where: { id: w.track.id } })).updatedAt, def: { slug: `t-${uid()}`, title: 'T2', summary: 'S', topic: 'X', levels: [w.mcA2.mc.slug] } }) },
    { name: 'publishTrack', allow: ['adminA'], run: (a) => publishTrack({ actor: a, trackId: w.track.id }) },
    { name: 'retireTrack', allow: ['adminA'], run: (a) => retireTrack({ actor: a, trackId: w.track.id }) },
    { name: 'getStackForEdit', allow: ['adminA'], run: (a) => getStackForEdit({ actor: a, stackId: w.stack.id }) },
    { name: 'createIssuerStack', allow: ['adminA'], run: (a) => createIssuerStack({ actor: a, issuerId: w.issuerA.id, def: { slug: `s-${uid()}`, title: 'S', summary: 'S', microCredentials: [w.mcA.mc.slug, w.mcC.mc.slug] } }) },
    { name: 'updateStack', allow: ['adminA'], run: async (a) => updateStack({ actor: a, stackId: w.stack.id, seenUpdatedAt: (await db.stack.findUniqueOrThrow({ where: { id: w.stack.id } })).updatedAt, def: { slug: `s-${uid()}`, title: 'S2', summary: 'S', microCredentials: [w.mcA.mc.slug, w.mcA2.mc.slug] } }) },
    { name: 'publishStack', allow: ['adminA'], run: (a) => publishStack({ actor: a, stackId: w.stack.id }) },
    { name: 'retireStack', allow: ['adminA'], run: (a) => retireStack({ actor: a, stackId: w.stack.id }) },

    // ── People ──
    { name: 'listOrgMembers (issuer A)', allow: ['adminA'], run: (a) => listOrgMembers({ actor: a, organizationId: w.issuerA.id }) },
    { name: 'listOrgMembers (District One)', allow: ['L1'], run: (a) => listOrgMembers({ actor: a, organizationId: w.d1.id }) },
    { name: 'listOrgMembers (School One)', allow: ['L1'], run: (a) => listOrgMembers({ actor: a, organizationId: w.s1.id }) },
    { name: 'listPendingInvitations (issuer A)', allow: ['adminA'], run: (a) => listPendingInvitations({ actor: a, organizationId: w.issuerA.id }) },
    { name: 'inviteMember (issuer A reviewer)', allow: ['adminA'], run: (a) => inviteMember({ actor: a, organizationId: w.issuerA.id, email: `r-${uid()}@example.test`, role: 'REVIEWER' }) },
    { name: 'inviteMember (District One teacher)', allow: ['L1'], run: (a) => inviteMember({ actor: a, organizationId: w.d1.id, email: `t-${uid()}@example.test`, role: 'TEACHER' }) },
    { name: 'inviteMember (District One leader)', allow: ['L1'], run: (a) => inviteMember({ actor: a, organizationId: w.d1.id, email: `l-${uid()}@example.test`, role: 'DISTRICT_LEADER' }) },
    // A role is added only to someone who already has one there (already held: nothing changes).
    { name: 'changeRole (issuer A, add reviewer to a member)', allow: ['adminA'], run: (a) => changeRole({ actor: a, organizationId: w.issuerA.id, userId: w.reviewer.id, role: 'REVIEWER', op: 'add' }) },
    { name: 'changeRole (District One, add leader to a member)', allow: ['L1'], run: (a) => changeRole({ actor: a, organizationId: w.d1.id, userId: w.leader1.id, role: 'DISTRICT_LEADER', op: 'add' }) },
    // Anyone else is invited: nobody may put a role on an account picked by its id.
    { name: 'changeRole (issuer A, add reviewer to a non-member)', allow: [], run: (a) => changeRole({ actor: a, organizationId: w.issuerA.id, userId: w.newcomer.id, role: 'REVIEWER', op: 'add' }) },
    { name: 'changeRole (District One, add leader to a teacher of it)', allow: [], run: (a) => changeRole({ actor: a, organizationId: w.d1.id, userId: w.t1.id, role: 'DISTRICT_LEADER', op: 'add' }) },
    { name: 'setReviewerQualification (mcC)', allow: ['adminA'], run: (a) => setReviewerQualification({ actor: a, userId: w.conflicted.id, microCredentialId: w.mcC.mc.id, op: 'add' }) },
    { name: 'previewBulkEnrol (mcA)', allow: ['adminA'], run: (a) => previewBulkEnrol({ actor: a, issuerId: w.issuerA.id, target: `mc:${w.mcA.mc.id}`, csv: 'email,name\nnew-teacher@example.test,New Teacher\n' }) },
    { name: 'importBulkEnrol (mcA)', allow: ['adminA'], run: (a) => importBulkEnrol({ actor: a, issuerId: w.issuerA.id, target: `mc:${w.mcA.mc.id}`, csv: `email,name\nbulk-${uid()}@example.test,New Teacher\n` }) },
    { name: 'acceptInvitation (sent to someone else)', allow: [], run: (a) => acceptInvitation({ token: w.inviteToken, actor: a }) },
    // Resent first, then cancelled: both rows reach an open invitation.
    { name: 'resendInvitation (issuer A)', allow: ['adminA'], run: (a) => resendInvitation({ actor: a, invitationId: ctx.invitationA! }) },
    { name: 'cancelInvitation (issuer A)', allow: ['adminA'], run: (a) => cancelInvitation({ actor: a, invitationId: ctx.invitationA! }) },
    { name: 'resendInvitation (School One)', allow: ['L1'], run: (a) => resendInvitation({ actor: a, invitationId: ctx.invitationS1! }) },
    { name: 'cancelInvitation (School One)', allow: ['L1'], run: (a) => cancelInvitation({ actor: a, invitationId: ctx.invitationS1! }) },

    // ── Requests to join a district, badges issued ──
    { name: 'listDistrictRequests (District One)', allow: ['L1'], run: (a) => listDistrictRequests({ actor: a, districtId: w.d1.id }) },
    { name: 'decideDistrictRequest (District One, nobody asked)', allow: [], run: (a) => decideDistrictRequest({ actor: a, districtId: w.d1.id, userId: w.newcomer.id, decision: 'confirm' }) },
    // Allowed for District One's leader only: nobody asked, so the newcomer comes back as skipped (nameless), nothing written.
    { name: 'decideDistrictRequests (District One, nobody asked)', allow: ['L1'], run: (a) => decideDistrictRequests({ actor: a, districtId: w.d1.id, userIds: [w.newcomer.id], decision: 'decline' }) },
    { name: 'listIssuedAwards (issuer A)', allow: ['adminA'], run: (a) => listIssuedAwards({ actor: a, issuerIds: [w.issuerA.id], filter: {} }) },
    { name: 'listIssuerApplications (issuer A)', allow: ['adminA'], run: (a) => listIssuerApplications({ actor: a, issuerId: w.issuerA.id }) },
    { name: 'getVersionPreview (issuer A credential)', allow: ['adminA'], run: (a) => getVersionPreview({ actor: a, microCredentialId: w.mcA.mc.id }) },
    { name: 'issuedAwardsCsv (issuer A)', allow: ['adminA'], run: (a) => issuedAwardsCsv({ actor: a, issuerIds: [w.issuerA.id], filter: {} }) },

    // ── Organisation settings and platform administration ──
    { name: 'getIssuerSettings (issuer A)', allow: ['adminA'], run: (a) => getIssuerSettings({ actor: a, organizationId: w.issuerA.id }) },
    { name: 'updateIssuerProfile (issuer A)', allow: ['adminA'], run: async (a) => updateIssuerProfile({ actor: a, input: { organizationId: w.issuerA.id, seenAt: await issuerASeenAt(), name: `Issuer A ${uid()}`, description: '', url: null, email: null, linkedinOrganizationId: null } }) },
    { name: 'updateIssuerReviewSettings (issuer A)', allow: ['adminA'], run: async (a) => updateIssuerReviewSettings({ actor: a, input: { organizationId: w.issuerA.id, seenAt: await issuerASeenAt(), slaBusinessDays: 10 + Math.floor(Math.random() * 20), doubleScorePercent: 0, claimMinutes: 240, blockSameDistrict: false, blindReview: false, calibrationRequired: true } }) },
    { name: 'listSchoolsWithCounts (District One)', allow: ['L1'], run: (a) => listSchoolsWithCounts({ actor: a, districtId: w.d1.id }) },
    { name: 'addSchool (District One)', allow: ['L1'], run: (a) => addSchool({ actor: a, input: { districtId: w.d1.id, name: `School ${uid()}` } }) },
    { name: 'renameDistrict (District One)', allow: ['L1'], run: (a) => renameDistrict({ actor: a, input: { districtId: w.d1.id, name: `District One ${uid()}` } }) },
    { name: 'renameSchool (School One)', allow: ['L1'], run: (a) => renameSchool({ actor: a, input: { schoolId: w.s1.id, name: `School One ${uid()}` } }) },
    { name: 'createOrganization', allow: [], run: (a) => createOrganization({ actor: a, input: { kind: 'ISSUER', name: 'Rogue issuer', slug: `rogue-${uid()}`, firstEmail: null } }) },
    { name: 'listOrganizations', allow: [], run: (a) => listOrganizations({ actor: a }) },
    { name: 'searchAccounts', allow: [], run: (a) => searchAccounts({ actor: a, q: 'example' }) },
    { name: 'setAccountDisabled (T2)', allow: [], run: (a) => setAccountDisabled({ actor: a, input: { userId: w.t2.id, op: 'disable', reason: 'because' } }) },

    // ── Audit logs ──
    { name: 'listAuditLog (issuer A)', allow: ['adminA'], run: (a) => listAuditLog({ actor: a, organizationId: w.issuerA.id, filter: AuditFilterInput.parse({}) }) },
    { name: 'listAuditLog (District One)', allow: ['L1'], run: (a) => listAuditLog({ actor: a, organizationId: w.d1.id, filter: AuditFilterInput.parse({ group: 'proposals' }) }) },
    { name: 'listAuditLog (School One)', allow: [], run: (a) => listAuditLog({ actor: a, organizationId: w.s1.id, filter: AuditFilterInput.parse({}) }) },
    { name: 'listAuditLog (platform)', allow: [], run: (a) => listAuditLog({ actor: a, organizationId: null, filter: AuditFilterInput.parse({}) }) },
    { name: 'listRecentIssuerAudit (issuer A)', allow: ['adminA'], run: (a) => listRecentIssuerAudit({ actor: a, issuerIds: [w.issuerA.id], take: 10 }) },

    // ── District and issuer reporting ──
    { name: 'getDistrictHome (District One)', allow: ['L1'], run: (a) => getDistrictHome({ actor: a, districtId: w.d1.id, since: period.from }) },
    { name: 'listDistrictTeachers (District One)', allow: ['L1'], run: (a) => listDistrictTeachers({ actor: a, districtId: w.d1.id }) },
    { name: 'pdHoursByTeacher (District One)', allow: ['L1'], run: (a) => pdHoursByTeacher({ actor: a, districtId: w.d1.id, period }) },
    { name: 'skillsReport (District One)', allow: ['L1'], run: (a) => skillsReport({ actor: a, districtId: w.d1.id, period }) },
    { name: 'skillsReport (District One, School One)', allow: ['L1', 'SL1'], run: (a) => skillsReport({ actor: a, districtId: w.d1.id, schoolId: w.s1.id, period }) },
    { name: 'pdHoursByMonth (District One)', allow: ['L1'], run: (a) => pdHoursByMonth({ actor: a, districtId: w.d1.id, period: resolvePeriod({ from: '2025-01-01', to: '2025-12-31' }) }) },
    { name: 'renewalCredentials (District One)', allow: ['L1'], run: (a) => renewalCredentials({ actor: a, districtId: w.d1.id, period }) },
    { name: 'renewalRule (District One)', allow: ['L1'], run: (a) => renewalRule({ actor: a, districtId: w.d1.id }) },
    { name: 'salaryStepEligibility (District One)', allow: ['L1'], run: (a) => salaryStepEligibility({ actor: a, districtId: w.d1.id, asOf: period.to }) },
    { name: 'districtReportCsv (District One)', allow: ['L1'], run: (a) => districtReportCsv({ actor: a, districtId: w.d1.id, report: 'renewal', period }) },
    // ── A school leader's reads (app/school): their own school only; district leaders use /district ──
    { name: 'getSchoolHome (School One)', allow: ['SL1'], run: (a) => getSchoolHome({ actor: a, schoolId: w.s1.id, since: period.from }) },
    { name: 'getSchoolHome (School One B, same district)', allow: [], run: (a) => getSchoolHome({ actor: a, schoolId: ctx.s1b!, since: period.from }) },
    { name: 'listSchoolTeachers (School One)', allow: ['SL1'], run: (a) => listSchoolTeachers({ actor: a, schoolId: w.s1.id, since: period.from }) },
    { name: 'listSchoolTeachers (School Two)', allow: [], run: (a) => listSchoolTeachers({ actor: a, schoolId: w.s2.id, since: period.from }) },
    { name: 'listRecentSchoolAwards (School One)', allow: ['SL1'], run: (a) => listRecentSchoolAwards({ actor: a, schoolId: w.s1.id }) },
    { name: 'listRecentSchoolAwards (School Two)', allow: [], run: (a) => listRecentSchoolAwards({ actor: a, schoolId: w.s2.id }) },
    { name: 'listRecentDistrictAwards (District One)', allow: ['L1'], run: (a) => listRecentDistrictAwards({ actor: a, districtId: w.d1.id }) },
    { name: 'listRecentDistrictAwards (District One, School One)', allow: ['L1', 'SL1'], run: (a) => listRecentDistrictAwards({ actor: a, districtId: w.d1.id, schoolId: w.s1.id }) },
    { name: 'listSchoolRecommendations (School One)', allow: ['SL1'], run: (a) => listSchoolRecommendations({ actor: a, schoolId: w.s1.id }) },
    { name: 'listSchoolRecommendations (School One B, same district)', allow: [], run: (a) => listSchoolRecommendations({ actor: a, schoolId: ctx.s1b! }) },
    { name: 'getSchoolHome (School Two, District Two)', allow: [], run: (a) => getSchoolHome({ actor: a, schoolId: w.s2.id, since: period.from }) },
    { name: 'schoolReportCsv (School One)', allow: ['SL1'], run: (a) => schoolReportCsv({ actor: a, schoolId: w.s1.id, report: 'pd-hours', period }) },
    { name: 'schoolReportCsv (School One B)', allow: [], run: (a) => schoolReportCsv({ actor: a, schoolId: ctx.s1b!, report: 'salary-steps', period }) },
    { name: 'listDistrictTeachers (District One, School One)', allow: ['L1', 'SL1'], run: (a) => listDistrictTeachers({ actor: a, districtId: w.d1.id, schoolId: w.s1.id }) },
    { name: 'listDistrictTeachers (District One, School One B)', allow: ['L1'], run: (a) => listDistrictTeachers({ actor: a, districtId: w.d1.id, schoolId: ctx.s1b! }) },
    // One teacher's record (app/district/teachers/[id]): their current district's leaders and their school's principal; NOT_FOUND for everyone else, as for an id that is no one.
    { name: 'getDistrictTeacherRecord (T1, District One, School One)', allow: ['L1', 'SL1'], run: (a) => getDistrictTeacherRecord({ actor: a, userId: w.t1.id }) },
    { name: 'getDistrictTeacherRecord (T2, District Two, School Two)', allow: ['L2'], run: (a) => getDistrictTeacherRecord({ actor: a, userId: w.t2.id }) },
    { name: 'getDistrictTeacherRecord (no such person)', allow: [], run: (a) => getDistrictTeacherRecord({ actor: a, userId: 'cnosuchperson000000000000' }) },
    { name: 'pdHoursByTeacher (District One, School One)', allow: ['L1', 'SL1'], run: (a) => pdHoursByTeacher({ actor: a, districtId: w.d1.id, schoolId: w.s1.id, period }) },
    { name: 'pdHoursByTeacher (District One, School One B)', allow: ['L1'], run: (a) => pdHoursByTeacher({ actor: a, districtId: w.d1.id, schoolId: ctx.s1b!, period }) },
    { name: 'salaryStepEligibility (District One, School One)', allow: ['L1', 'SL1'], run: (a) => salaryStepEligibility({ actor: a, districtId: w.d1.id, schoolId: w.s1.id, asOf: period.to }) },
    { name: 'renewalCredentials (District Two, School One)', allow: [], run: (a) => renewalCredentials({ actor: a, districtId: w.d2.id, schoolId: w.s1.id, period }) },
    { name: 'renewalRule (District One, School One)', allow: ['L1', 'SL1'], run: (a) => renewalRule({ actor: a, districtId: w.d1.id, schoolId: w.s1.id }) },
    { name: 'renewalRule (District Two, School One)', allow: [], run: (a) => renewalRule({ actor: a, districtId: w.d2.id, schoolId: w.s1.id }) },
    { name: 'districtReportCsv (District One, School One)', allow: ['L1'], run: (a) => districtReportCsv({ actor: a, districtId: w.d1.id, schoolId: w.s1.id, report: 'pd-hours', period }) },
    { name: 'listSchoolLeaders (District One)', allow: ['L1'], run: (a) => listSchoolLeaders({ actor: a, districtId: w.d1.id }) },
    { name: 'inviteMember (School One leader)', allow: ['L1'], run: (a) => inviteMember({ actor: a, organizationId: w.s1.id, email: `p-${uid()}@example.test`, role: 'SCHOOL_LEADER' }) },
    // Past authorization for L1 only, then refused as a rule (INVALID_STATE): principals are appointed by invitation (ADR 016).
    { name: 'changeRole (School One, add school leader)', allow: ['L1'], run: (a) => changeRole({ actor: a, organizationId: w.s1.id, userId: w.newcomer.id, role: 'SCHOOL_LEADER', op: 'add' }) },
    { name: 'issuerActivitySeries (issuer A)', allow: ['adminA'], run: (a) => issuerActivitySeries({ actor: a, issuerId: w.issuerA.id, period: resolvePeriod({ from: '2025-01-01', to: '2025-03-01' }), bucket: 'month' }) },
    { name: 'issuerActivitySeries (A, B credential)', allow: [], run: (a) => issuerActivitySeries({ actor: a, issuerId: w.issuerA.id, microCredentialId: w.mcB.mc.id, period, bucket: 'month' }) },
    { name: 'reviewerWorkload (issuer A)', allow: ['adminA'], run: (a) => reviewerWorkload({ actor: a, issuerId: w.issuerA.id, period }) },

    // ── Teachers' feedback on a micro-credential (app/micro-credentials/[slug]/feedback, app/admin/credentials/[id]/feedback) ──
    { name: 'saveCredentialFeedback (mcB)', allow: ['T1'], run: (a) => saveCredentialFeedback({ actor: a, microCredentialId: w.mcB.mc.id, rating: 4, hoursSpent: 6, comment: 'Useful.' }) },
    { name: 'getFeedbackForm (mcB)', allow: ['T1'], run: (a) => getFeedbackForm(a, w.mcB.mc.slug), denied: (v) => (v as { saved: unknown } | null)?.saved === null },
    { name: 'getCredentialFeedbackReport (mcA)', allow: ['adminA'], run: (a) => getCredentialFeedbackReport({ actor: a, microCredentialId: w.mcA.mc.id }) },
    { name: 'getCredentialFeedbackReport (mcB)', allow: ['adminB'], run: (a) => getCredentialFeedbackReport({ actor: a, microCredentialId: w.mcB.mc.id }) },
    // Own row only: everyone may call it; it never reaches another teacher's feedback.
    { name: 'deleteCredentialFeedback (own only)', allow: [...ACTORS], run: (a) => deleteCredentialFeedback({ actor: a, microCredentialId: w.mcB.mc.id }) },
    // ── Questions to the issuer about a micro-credential ──
    { name: 'askCredentialQuestion (mcA, published)', allow: [...ACTORS], run: (a) => askCredentialQuestion({ actor: a, microCredentialId: w.mcA.mc.id, body: `Does a video count? (${a.id})` }) },
    { name: 'askCredentialQuestion (draft)', allow: [], run: (a) => askCredentialQuestion({ actor: a, microCredentialId: ctx.questionDraftId!, body: 'Is this open yet?' }) },
    { name: 'getIssuerQuestion (T1 question to A)', allow: ['adminA'], run: (a) => getIssuerQuestion({ actor: a, questionId: ctx.questionId! }), denied: notNull },
    { name: 'listIssuerQuestions (issuer A, waiting)', allow: ['adminA'], run: (a) => listIssuerQuestions({ actor: a, issuerIds: [w.issuerA.id], status: 'waiting' }), denied: (v) => !json(v).includes(ctx.waitingQuestionId!) },
    { name: 'listOwnQuestions (T2 question on mcA)', allow: ['T2'], run: (a) => listOwnQuestions({ actor: a, microCredentialId: w.mcA.mc.id }), denied: (v) => !json(v).includes(ctx.waitingQuestionId!) },
    { name: 'answerCredentialQuestion (T1 question to A)', allow: ['adminA'], run: (a) => answerCredentialQuestion({ actor: a, questionId: ctx.questionId!, answer: 'Yes, if it shows the routine.' }) },
    { name: 'setCredentialQuestionShared (answered T1 question)', allow: ['adminA'], run: (a) => setCredentialQuestionShared({ actor: a, questionId: ctx.questionId!, shared: true }) },
    { name: 'withdrawCredentialQuestion (T1 waiting question)', allow: ['T1'], run: (a) => withdrawCredentialQuestion({ actor: a, questionId: ctx.withdrawQuestionId! }) },
    // ── Other professional learning (app/badges/other-learning): a teacher's own entries only ──
    { name: 'listOwnExternalLearning (T1 entry)', allow: ['T1'], run: (a) => listOwnExternalLearning({ actor: a }), denied: (v) => !json(v).includes(ctx.externalLearningId!) },
    {
      name: 'editExternalLearning (T1 entry)', allow: ['T1'],
      run: async (a) => {
        const e = await db.externalLearning.findUniqueOrThrow({ where: { id: ctx.externalLearningId! } });
        return editExternalLearning({ actor: a, id: e.id, seenAt: e.updatedAt, input: externalLearningFields('2026-11-24').parse({ title: 'Summit', provider: 'DPI', completedOn: '2026-03-14', pdHours: '6' }) });
      },
    },
    // Its certificate opens for T1 and District One's leader (who verifies hours); never T1's principal (SL1).
    { name: 'getCertificateUrl (T1 entry’s certificate)', allow: ['T1', 'L1'], run: (a) => getCertificateUrl({ actor: a, certificateId: ctx.certificateId!, inline: false }) },
    { name: 'requestCertificateUpload (T1 entry)', allow: ['T1'], run: (a) => requestCertificateUpload({ actor: a, learningId: ctx.externalLearningId!, fileName: 'again.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength }) },
    { name: 'cancelCertificateUpload (T1 upload, sent)', allow: ['T1'], run: (a) => cancelCertificateUpload({ actor: a, certificateId: ctx.cancelCertificateId! }) },
    { name: 'completeCertificateUpload (T1 upload, sent)', allow: ['T1'], run: (a) => completeCertificateUpload({ actor: a, certificateId: ctx.pendingCertificateId! }) },
    { name: 'removeCertificate (T1 entry)', allow: ['T1'], run: (a) => removeCertificate({ actor: a, learningId: ctx.externalLearningId! }) },
    { name: 'deleteExternalLearning (T1 entry)', allow: ['T1'], run: (a) => deleteExternalLearning({ actor: a, id: ctx.externalLearningId! }) },
    // ── Colleagues at one's school (app/colleagues, the apply page's line): only people who share, at the same school, see each other ──
    { name: 'listColleagues (School One: T1 and RC share)', allow: ['T1', 'RC'], run: (a) => listColleagues({ actor: a }), denied: (v) => !json(v).includes(w.t1.id) && !json(v).includes(w.conflicted.id) },
    // T1's draft of mcC is work in progress for the whole run: RC, at T1's school and sharing, is told; nobody else.
    { name: 'getColleaguesOnCredential (mcC, T1 working on it)', allow: ['RC'], run: (a) => getColleaguesOnCredential({ actor: a, slug: w.mcC.mc.slug }), denied: (v) => !json(v).includes('Teacher One') },
    // Own row only: everyone may call it; it never changes anyone else's.
    { name: 'setSharesWithColleagues (own row only)', allow: [...ACTORS], run: (a) => setSharesWithColleagues({ actor: a, shares: false }) },
    // ── District people (last: they move T1 out of School One and District One) ──
    { name: 'listDistrictSchools (District One)', allow: ['L1'], run: (a) => listDistrictSchools({ actor: a, districtId: w.d1.id }) },
    { name: 'listDistrictLeaders (District One)', allow: ['L1'], run: (a) => listDistrictLeaders({ actor: a, districtId: w.d1.id }) },
    { name: 'listDistrictInvitations (District One)', allow: ['L1'], run: (a) => listDistrictInvitations({ actor: a, districtId: w.d1.id }) },
    { name: 'setTeacherSchool (T1, District One)', allow: ['L1'], run: (a) => setTeacherSchool({ actor: a, districtId: w.d1.id, userId: w.t1.id, schoolId: null }) },
    { name: 'setTeacherSchool (T2 via District One)', allow: [], run: (a) => setTeacherSchool({ actor: a, districtId: w.d1.id, userId: w.t2.id, schoolId: w.s1.id }) },
    { name: 'removeTeacherFromDistrict (T1, District One)', allow: ['L1'], run: (a) => removeTeacherFromDistrict({ actor: a, districtId: w.d1.id, userId: w.t1.id }) },
    // ── District recommendations (app/district/recommendations: page and actions; the overview's count) ──
    { name: 'listDistrictRecommendations (District One)', allow: ['L1'], run: (a) => listDistrictRecommendations({ actor: a, districtId: w.d1.id }) },
    { name: 'countDistrictRecommendations (District One)', allow: ['L1'], run: (a) => countDistrictRecommendations({ actor: a, districtId: w.d1.id }) },
    // ── District policy (app/district/policy) and inviting from a file (app/district/people/invite) ──
    { name: 'getDistrictPolicy (District One)', allow: ['L1'], run: (a) => getDistrictPolicy({ actor: a, districtId: w.d1.id }) },
    { name: 'listSalaryIssuerChoices (District One)', allow: ['L1'], run: (a) => listSalaryIssuerChoices({ actor: a, districtId: w.d1.id }) },
    {
      name: 'saveDistrictPolicy (District One, approved issuers)', allow: ['L1'],
      run: (a) => saveDistrictPolicy({ actor: a, input: DistrictPolicyInput.parse({ districtId: w.d1.id, salaryApprovedIssuersOnly: 'on', approvedIssuerIds: [w.issuerA.id], rules: [] }) }),
    },
    { name: 'searchApprovableCredentials (District One)', allow: ['L1'], run: (a) => searchApprovableCredentials({ actor: a, districtId: w.d1.id, q: 'credential' }) },
    {
      name: 'saveDistrictPolicy (District One, approved micro-credential)', allow: ['L1'],
      run: (a) => saveDistrictPolicy({ actor: a, input: DistrictPolicyInput.parse({ districtId: w.d1.id, salaryApprovedIssuersOnly: 'on', approvedCredentialIds: [w.mcB.mc.id], rules: [] }) }),
    },
    { name: 'previewBulkInvite (District One)', allow: ['L1'], run: (a) => previewBulkInvite({ actor: a, districtId: w.d1.id, csv: `email,name\nfile-${uid()}@example.test,Pat` }) },
    { name: 'inviteTeachersFromFile (District One)', allow: ['L1'], run: (a) => inviteTeachersFromFile({ actor: a, districtId: w.d1.id, csv: `email,name\nfile-${uid()}@example.test,Pat` }) },
    { name: 'addRecommendation (District One, mcB)', allow: ['L1'], run: (a) => addRecommendation({ actor: a, input: { districtId: w.d1.id, kind: 'MICRO_CREDENTIAL', targetId: w.mcB.mc.id, schoolId: w.s1.id, note: '' } }) },
    { name: 'updateRecommendation (District One’s)', allow: ['L1'], run: (a) => updateRecommendation({ actor: a, input: { recommendationId: ctx.recommendationId!, schoolId: w.s1.id, note: `Changed ${uid()}` } }) },
    { name: 'removeRecommendation (District One’s)', allow: ['L1'], run: (a) => removeRecommendation({ actor: a, input: { recommendationId: ctx.recommendationId! } }) },
  ];
}

async function outcome(row: Row, actor: Actor): Promise<{ value?: unknown; error?: unknown }> {
  try {
    return { value: await row.run(actor) };
  } catch (error) {
    return { error };
  }
}

const describeError = (e: unknown) => (isDomainError(e) ? e.code : e instanceof Error ? `${e.name}: ${e.message.split('\n')[0].slice(0, 120)}` : String(e));

describe('authorization matrix', () => {
  it('every denied cell is FORBIDDEN/NOT_FOUND with nothing written; every allowed cell gets through', async () => {
    const matrix: { row: string; cells: Record<ActorKey, Cell> }[] = [];
    for (const row of rows()) {
      const cells = {} as Record<ActorKey, Cell>;
      // Denied cells first, so an allowed write cannot mask them.
      for (const key of ACTORS.filter((k) => !row.allow.includes(k))) {
        const before = await tableFingerprints();
        const { value, error } = await outcome(row, await w.reload(actors[key]));
        const changed = changedTables(before, await tableFingerprints());
        const deniedByError = isDomainError(error) && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND');
        const deniedByValue = !error && row.denied ? row.denied(value) : false;
        const ok = (deniedByError || deniedByValue) && changed.length === 0;
        cells[key] = {
          mark: ok ? (deniedByError ? (error as { code: string }).code.slice(0, 4).toLowerCase() : 'empty') : 'LEAK',
          ok,
          detail: ok ? undefined : `${error ? describeError(error) : 'returned data'}${changed.length ? `; changed: ${changed.join(', ')}` : ''}`,
        };
      }
      for (const key of row.allow) {
        const { value, error } = await outcome(row, await w.reload(actors[key]));
        const blocked = isDomainError(error) ? ['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED'].includes(error.code) : Boolean(error);
        const empty = !error && row.denied ? row.denied(value) : false;
        const ok = !blocked && !empty;
        cells[key] = { mark: ok ? (error ? `ok:${(error as { code: string }).code.slice(0, 5).toLowerCase()}` : 'ok') : 'BLOCKED', ok, detail: ok ? undefined : error ? describeError(error) : 'empty result' };
      }
      matrix.push({ row: row.name, cells });
    }

    const width = Math.max(...matrix.map((m) => m.row.length));
    const table = [
      `${'operation'.padEnd(width)} | ${ACTORS.map((a) => a.padEnd(8)).join(' ')}`,
      ...matrix.map((m) => `${m.row.padEnd(width)} | ${ACTORS.map((a) => m.cells[a].mark.padEnd(8)).join(' ')}`),
    ].join('\n');
    const failures = matrix.flatMap((m) => ACTORS.filter((a) => !m.cells[a].ok).map((a) => `${m.row} × ${a}: ${m.cells[a].mark} (${m.cells[a].detail})`));
    if (process.env.HARDENING_PRINT_MATRIX || failures.length) console.log(`\n${table}\n`);
    expect(failures, `authorization matrix:\n${table}\n\nfailing cells:\n${failures.join('\n')}`).toEqual([]);
    // Sanity: the matrix really exercised both sides.
    expect(matrix.length).toBeGreaterThan(60);
  }, 120_000);
});

// One cell beside the matrix rather than a column in it: an admin of issuer A who works at School
// One (T1's school) is issuer A's admin in every row but those about T1's work, so as a tenth actor
// every admin row would need them. Their conflict of interest with T1 (the same school) keeps them
// from T1's evidence as from every decision on it: the file is "not found", as for anyone else.
describe('a conflicted admin × T1’s evidence file', () => {
  it('is NOT_FOUND with nothing written, and the record holds none of the answers or files; issuer A’s other admin still opens it', async () => {
    const colleagueAdmin = await w.reload(await createActor({ name: 'Admin A at School One', roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuerA.id }], districtId: w.d1.id, schoolId: w.s1.id }));
    const before = await tableFingerprints();
    for (const inline of [false, true]) await expect(getEvidenceUrl({ actor: colleagueAdmin, fileId: w.t1File, inline })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const record = await getSubmissionRecord({ actor: colleagueAdmin, submissionId: w.t1A.submissionId });
    expect(changedTables(before, await tableFingerprints())).toEqual([]);
    expect(record?.evidenceWithheld).toEqual(expect.any(String));
    expect(record?.attempts.flatMap((a) => [...a.responses, ...a.files])).toEqual([]);
    expect(await getEvidenceUrl({ actor: await w.reload(w.adminA), fileId: w.t1File, inline: false })).toMatch(/^https?:\/\//);
  });
});
