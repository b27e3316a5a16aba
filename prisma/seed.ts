// Demo content for `npm run dev` and the end-to-end tests. Everything goes through the real domain
// code (authoring, proposals, submissions, uploads, review, awards), so the demo shows what the
// platform really does. Idempotent: a database that already has the demo issuers is left alone.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import { hashPassword } from '@/lib/auth/password';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/lib/demo';
import { createMicroCredential, createStack, createTrack, publishMicroCredential } from '@/lib/authoring/mutations';
import { saveProposal, decideProposal } from '@/lib/proposals/mutations';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { enrollInMicroCredential } from '@/lib/enrollment/mutations';
import { completeUpload, requestUpload } from '@/lib/evidence/uploads';
import { decideAsSeedReviewer } from '@/prisma/seed-review';
import { addRecommendation } from '@/lib/district/recommendations';
import { answerCredentialQuestion, askCredentialQuestion } from '@/lib/credential-questions/mutations';
import { addExternalLearning } from '@/lib/external-learning/mutations';
import { completeCertificateUpload, requestCertificateUpload } from '@/lib/external-learning/certificates';
import { externalLearningFields } from '@/lib/external-learning/schemas';
import { issuers, districts, tracks, microCredentials, stacks, calibrationExemplars, demoTeacher, demoProposals, earnedApplication, draftApplication, renewalDueApplication, SLUGS } from '@/prisma/seed-data';

const log = (msg: string) => console.log(`[seed] ${msg}`);

/** Rosa Delgado, who teaches at Maya's school and shares with colleagues there (docs/decisions/028). */
const DEMO_COLLEAGUE = {
  email: 'rosa.delgado@kettle-moraine.example',
  name: 'Rosa Delgado',
  handle: 'rosa-delgado',
  portfolioHeadline: 'Grade 8 humanities teacher and team lead',
  studentGoals: 'Our grade 8 humanities team is planning its first shared unit. If the team works well together, every grade 8 student meets the same essential questions and the same writing expectations, whichever teacher they have.',
  plan: 'Complete the level 1 credential on the stages of team building this term: keep an observation log over three team meetings, then plan one leadership move for the next planning cycle.',
};

async function makeUser(email: string, name: string, extra: {
  districtId?: string; schoolId?: string; roles?: { role: 'TEACHER' | 'REVIEWER' | 'ISSUER_ADMIN' | 'DISTRICT_LEADER' | 'SCHOOL_LEADER' | 'PLATFORM_ADMIN'; organizationId: string }[]; handle?: string; publicName?: string;
  teachesSubjects?: string[]; teachesGradeBands?: string[]; portfolioHeadline?: string; sharesWithColleagues?: boolean;
} = {}): Promise<Actor> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const user = await db.user.create({
    data: {
      email, name, passwordHash, emailVerified: new Date(), districtId: extra.districtId ?? null, schoolId: extra.schoolId ?? null,
      handle: extra.handle ?? null, publicName: extra.publicName ?? null, portfolioPublic: Boolean(extra.handle),
      // As the migration left portfolios that were public: the demo portfolio shows its school.
      portfolioShowsSchool: Boolean(extra.handle),
      teachesSubjects: extra.teachesSubjects ?? [], teachesGradeBands: extra.teachesGradeBands ?? [], portfolioHeadline: extra.portfolioHeadline ?? null,
      sharesWithColleagues: extra.sharesWithColleagues ?? false,
      memberships: { create: (extra.roles ?? []).map((r) => ({ role: r.role, organizationId: r.organizationId })) },
    },
    select: { id: true },
  });
  return (await loadActor(user.id))!;
}

async function samplePdf(title: string, lines: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([612, 792]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  page.drawText(title, { x: 56, y: 720, size: 18, font: bold });
  lines.forEach((l, i) => page.drawText(l, { x: 56, y: 690 - i * 18, size: 11, font }));
  pdf.setTitle(title);
  return pdf.save();
}

/** Uploads through the same presign -> PUT -> verify path the browser uses. */
async function uploadEvidence(actor: Actor, attemptId: string, partId: string, fileName: string, bytes: Uint8Array, contentType: string) {
  const ticket = await requestUpload({ actor, attemptId, partId, fileName, contentType, size: bytes.byteLength });
  if (ticket.mode !== 'single') throw new Error('seed files are small');
  const res = await fetch(ticket.url, { method: 'PUT', body: Buffer.from(bytes), headers: { 'content-type': ticket.contentType } });
  if (!res.ok) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  await completeUpload({ actor, fileId: ticket.fileId });
}

async function fillAndSubmit(actor: Actor, slug: string, answers: Map<number, string>, publicSummary?: string, now?: Date) {
  const mc = await db.microCredential.findUniqueOrThrow({ where: { slug }, select: { id: true, currentVersion: { select: { title: true, parts: { orderBy: { sortOrder: 'asc' }, select: { id: true, title: true, responseType: true, required: true, allowedTypes: true } } } } } });
  const submission = await startApplication({ actor, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: submission.id, status: 'DRAFT' }, select: { id: true } });
  for (const [i, part] of mc.currentVersion!.parts.entries()) {
    const text = answers.get(i);
    if (text && part.responseType !== 'FILES') await saveResponse({ actor, attemptId: attempt.id, partId: part.id, text, links: [], revision: 0 });
    if (part.required && (part.responseType === 'FILES' || part.responseType === 'TEXT_AND_FILES')) {
      const pdf = await samplePdf(`${part.title}: ${mc.currentVersion!.title}`, ['Evidence prepared for the Microcred demo.', `Submitted by ${actor.name}.`]);
      await uploadEvidence(actor, attempt.id, part.id, `${part.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.pdf`, pdf, 'application/pdf');
    }
  }
  // As the submit form requires: the demo teacher confirms the evidence is their own.
  await submitAttempt({ actor, attemptId: attempt.id, publicSummary, attested: true, now });
  return { submissionId: submission.id, attemptId: attempt.id };
}

export async function seed() {
  if (process.env.DEMO_MODE !== 'true' && process.env.DEMO_MODE !== '1') {
    log('skipped: demo content is only seeded with DEMO_MODE=true (npm run dev does this).');
    return;
  }
  if (await db.organization.findUnique({ where: { slug: issuers[0].slug }, select: { id: true } })) {
    log('demo content already present; nothing to do.');
    return;
  }
  const started = Date.now();

  // Organisations.
  const issuerIds = new Map<string, string>();
  for (const i of issuers) {
    const org = await db.organization.create({ data: { slug: i.slug, name: i.name, kind: 'ISSUER', description: i.description, url: i.url ?? null, doubleScoreRate: 0 } });
    issuerIds.set(i.slug, org.id);
  }
  const orgIds = new Map<string, string>();
  for (const d of districts) {
    const org = await db.organization.create({
      data: {
        slug: d.slug, name: d.name, kind: 'DISTRICT', description: d.description, url: d.url ?? null, requiresProposal: d.requiresProposal,
        salaryStepRules: { create: d.salaryStepRules.map((r) => ({ ...r })) },
      },
    });
    orgIds.set(d.slug, org.id);
    for (const s of d.schools) {
      const school = await db.organization.create({ data: { slug: s.slug, name: s.name, kind: 'SCHOOL', description: s.description, parentId: org.id } });
      orgIds.set(s.slug, school.id);
    }
  }
  log(`organisations: ${issuers.length} issuers, ${districts.length} districts`);

  // Demo people.
  const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;
  const allIssuers = [...issuerIds.values()];
  const admin = await makeUser(account('Issuer admin').email, account('Issuer admin').name, { roles: allIssuers.map((organizationId) => ({ role: 'ISSUER_ADMIN' as const, organizationId })) });
  const reviewer = await makeUser(account('Reviewer').email, account('Reviewer').name, { roles: allIssuers.map((organizationId) => ({ role: 'REVIEWER' as const, organizationId })) });
  // A second reviewer, so double scoring and a second look have someone independent to turn to.
  const reviewer2 = await makeUser(account('Second reviewer').email, account('Second reviewer').name, { roles: allIssuers.map((organizationId) => ({ role: 'REVIEWER' as const, organizationId })) });
  // Leads the district and teaches nowhere, so is not one of its teachers (as a leader invited by
  // email is not): its teacher list, reports and uptake count its teachers only (Maya, and her
  // colleague Rosa below).
  const leader = await makeUser(account('District leader').email, account('District leader').name, { roles: [{ role: 'DISTRICT_LEADER', organizationId: orgIds.get('kettle-moraine')! }] });
  const platform = await db.organization.create({ data: { slug: 'platform', name: 'Microcred platform', kind: 'PLATFORM' } });
  await makeUser(account('Platform admin').email, account('Platform admin').name, { roles: [{ role: 'PLATFORM_ADMIN', organizationId: platform.id }] });
  const teacher = await makeUser(demoTeacher.email, demoTeacher.name, {
    districtId: orgIds.get(demoTeacher.districtSlug), schoolId: orgIds.get(demoTeacher.schoolSlug), handle: demoTeacher.handle, publicName: demoTeacher.publicName,
    teachesSubjects: demoTeacher.teachesSubjects, teachesGradeBands: demoTeacher.teachesGradeBands, portfolioHeadline: demoTeacher.portfolioHeadline,
    // She shares with colleagues at her school (docs/decisions/028), so /colleagues shows Rosa below.
    sharesWithColleagues: true,
    roles: [{ role: 'TEACHER', organizationId: orgIds.get(demoTeacher.districtSlug)! }],
  });
  // Maya's principal (ADR 016): leads her school, and teaches nowhere, so is not one of its teachers.
  await makeUser(account('School leader').email, account('School leader').name, { roles: [{ role: 'SCHOOL_LEADER', organizationId: orgIds.get(demoTeacher.schoolSlug)! }] });

  // Catalogue, through the authoring code.
  for (const m of microCredentials) {
    const created = await createMicroCredential({ actor: admin, issuerId: issuerIds.get(m.issuerSlug)!, def: m.def });
    await publishMicroCredential({ actor: admin, microCredentialId: created.id });
  }
  for (const t of tracks) await createTrack({ actor: admin, issuerId: issuerIds.get(t.issuerSlug)!, def: t.track, publish: true });
  for (const s of stacks) await createStack({ actor: admin, issuerId: issuerIds.get(s.issuerSlug)!, def: s.stack, publish: true });
  log(`catalogue: ${microCredentials.length} micro-credentials, ${tracks.length} tracks, ${stacks.length} stacks`);

  // Calibration exemplars, and the demo reviewers qualified (and calibrated) for everything.
  const mcs = await db.microCredential.findMany({ select: { id: true, slug: true } });
  const mcId = (slug: string) => mcs.find((m) => m.slug === slug)!.id;
  for (const e of calibrationExemplars) {
    // Scored on the published rubric: { versionId, ranks by criterion id } (lib/review/exemplars.ts).
    const current = await db.microCredential.findUniqueOrThrow({ where: { id: mcId(e.microCredentialSlug) }, select: { currentVersion: { select: { id: true, criteria: { orderBy: { sortOrder: 'asc' }, select: { id: true } } } } } });
    const criteria = current.currentVersion!.criteria;
    const ranks = Object.fromEntries(Object.entries(e.expectedRanks).map(([k, v]) => [criteria[Number(k)].id, v]));
    await db.calibrationExemplar.create({
      data: { microCredentialId: mcId(e.microCredentialSlug), title: e.title, responses: e.responses.map((r) => ({ ...r, rationale: undefined })), expectedRanks: { versionId: current.currentVersion!.id, ranks } },
    });
  }
  await db.reviewerQualification.createMany({ data: [reviewer, reviewer2].flatMap((r) => mcs.map((m) => ({ userId: r.id, microCredentialId: m.id, grantedById: admin.id, calibratedAt: new Date() }))) });

  // Maya's proposals: written by her, decided by the district leader.
  for (const p of demoProposals) {
    const proposal = await saveProposal({ actor: teacher, microCredentialId: mcId(p.microCredentialSlug), studentGoals: p.studentGoals, plan: p.plan, submit: true });
    if (p.status === 'APPROVED') {
      const { version } = await db.proposal.findUniqueOrThrow({ where: { id: proposal.id }, select: { version: true } });
      await decideProposal({ actor: leader, proposalId: proposal.id, decision: 'APPROVED', comment: p.decisionComment ?? '', version });
    }
  }

  // Maya's earned badge: submitted, reviewed and awarded through the real code.
  const earned = await fillAndSubmit(teacher, earnedApplication.microCredentialSlug, new Map(earnedApplication.responses.map((r) => [r.partIndex, r.text])), earnedApplication.publicSummary);
  await decideAsSeedReviewer({ reviewer, attemptId: earned.attemptId, scores: earnedApplication.review.scores, overallComment: earnedApplication.review.overallComment });

  // Her older badge, earned almost three years ago through the same flow dated back: it is due
  // for renewal now (badges page, application page, reminder).
  {
    const due = renewalDueApplication;
    const decidedAt = new Date(Date.now() + due.daysLeft * 86_400_000);
    decidedAt.setUTCMonth(decidedAt.getUTCMonth() - due.monthsAgo);
    const submittedAt = new Date(decidedAt.getTime() - 6 * 86_400_000);
    const proposalAt = new Date(submittedAt.getTime() - 60 * 86_400_000);
    const proposal = await saveProposal({ actor: teacher, microCredentialId: mcId(due.microCredentialSlug), studentGoals: due.proposal.studentGoals, plan: due.proposal.plan, submit: true });
    const { version } = await db.proposal.findUniqueOrThrow({ where: { id: proposal.id }, select: { version: true } });
    await decideProposal({ actor: leader, proposalId: proposal.id, decision: 'APPROVED', comment: due.proposal.decisionComment, version });
    // Dated back with the rest of the story (the decision code stamps the current time).
    await db.proposal.update({ where: { id: proposal.id }, data: { createdAt: proposalAt, submittedAt: proposalAt, decidedAt: new Date(proposalAt.getTime() + 2 * 86_400_000) } });
    const older = await fillAndSubmit(teacher, due.microCredentialSlug, new Map(due.responses.map((r) => [r.partIndex, r.text])), due.publicSummary, submittedAt);
    await decideAsSeedReviewer({ reviewer, attemptId: older.attemptId, scores: due.review.scores, overallComment: due.review.overallComment, now: decidedAt });
    // She enrolled when she wrote the proposal, not when the seed ran (her record says "since").
    await db.enrollment.updateMany({ where: { userId: teacher.id, microCredentialId: mcId(due.microCredentialSlug) }, data: { createdAt: proposalAt } });
    const olderAward = await db.award.findFirstOrThrow({ where: { userId: teacher.id, microCredentialId: mcId(due.microCredentialSlug) }, select: { id: true } });
    await db.notification.updateMany({ where: { userId: teacher.id, href: `/credentials/${olderAward.id}` }, data: { createdAt: decidedAt } });
  }

  // Her level-2 draft, in progress.
  const draftMc = await db.microCredential.findUniqueOrThrow({ where: { slug: draftApplication.microCredentialSlug }, select: { id: true, currentVersion: { select: { parts: { orderBy: { sortOrder: 'asc' }, select: { id: true } } } } } });
  const draft = await startApplication({ actor: teacher, microCredentialId: draftMc.id });
  const draftAttempt = await db.attempt.findFirstOrThrow({ where: { submissionId: draft.id }, select: { id: true } });
  for (const r of draftApplication.responses) {
    await saveResponse({ actor: teacher, attemptId: draftAttempt.id, partId: draftMc.currentVersion!.parts[r.partIndex].id, text: r.text, links: [], revision: 0 });
  }

  // A colleague of Maya's at her school who shares too (docs/decisions/028): she holds the Stages of
  // Team Building badge, earned through the same proposal, review and award path (the demo's passing
  // application for it, without a public summary), and is working on the team agenda credential
  // Maya is drafting. So /colleagues, its "Working on the same as me" and the line on Maya's
  // application pages show a real colleague. Her work is decided, so the review queue is as before.
  const rosa = await makeUser(DEMO_COLLEAGUE.email, DEMO_COLLEAGUE.name, {
    districtId: orgIds.get(demoTeacher.districtSlug), schoolId: orgIds.get(demoTeacher.schoolSlug), handle: DEMO_COLLEAGUE.handle,
    portfolioHeadline: DEMO_COLLEAGUE.portfolioHeadline, sharesWithColleagues: true,
    roles: [{ role: 'TEACHER', organizationId: orgIds.get(demoTeacher.districtSlug)! }],
  });
  {
    const proposal = await saveProposal({ actor: rosa, microCredentialId: mcId(earnedApplication.microCredentialSlug), studentGoals: DEMO_COLLEAGUE.studentGoals, plan: DEMO_COLLEAGUE.plan, submit: true });
    const { version } = await db.proposal.findUniqueOrThrow({ where: { id: proposal.id }, select: { version: true } });
    await decideProposal({ actor: leader, proposalId: proposal.id, decision: 'APPROVED', comment: 'Approved. A good fit for the grade 8 team’s first shared unit.', version });
    const hers = await fillAndSubmit(rosa, earnedApplication.microCredentialSlug, new Map(earnedApplication.responses.map((r) => [r.partIndex, r.text])));
    await decideAsSeedReviewer({ reviewer, attemptId: hers.attemptId, scores: earnedApplication.review.scores, overallComment: earnedApplication.review.overallComment });
    await enrollInMicroCredential({ actor: rosa, microCredentialId: draftMc.id });
  }

  // Kettle Moraine's priorities, recommended by its leader: one to every teacher, one to Maya's school
  // (a track she has started: she holds one of its two levels). Their notifications go out when the
  // app's worker runs the queued job.
  const kettleMoraine = orgIds.get('kettle-moraine')!;
  await addRecommendation({
    actor: leader,
    input: { districtId: kettleMoraine, kind: 'MICRO_CREDENTIAL', targetId: mcId(SLUGS.growthMindset), schoolId: null, note: 'Part of our 2026-27 student engagement priority: praise the process, not the person.' },
  });
  const assessmentTrack = await db.track.findUniqueOrThrow({ where: { slug: SLUGS.empoweringAssessment }, select: { id: true } });
  await addRecommendation({
    actor: leader,
    input: { districtId: kettleMoraine, kind: 'TRACK', targetId: assessmentTrack.id, schoolId: orgIds.get(demoTeacher.schoolSlug)!, note: 'Our middle school’s 2026-27 assessment priority: every department writes common assessments this year.' },
  });

  // Colleagues whose submissions wait in the review queue (the calibration samples serve as their answers).
  const riverside = orgIds.get('riverside-unified')!;
  const riversideSchool = orgIds.get(districts.find((d) => d.slug === 'riverside-unified')!.schools[0].slug)!;
  // Lena's comes first, so the oldest item in the queue carries a PDF to review.
  const colleagues = [
    { email: 'lena.fischer@riverside.example', name: 'Lena Fischer', exemplar: 2 },
    { email: 'sam.patel@riverside.example', name: 'Sam Patel', exemplar: 0 },
    { email: 'jo.mensah@riverside.example', name: 'Jo Mensah', exemplar: 4 },
  ];
  for (const c of colleagues) {
    const ex = calibrationExemplars[c.exemplar];
    if (!ex) continue;
    const who = await makeUser(c.email, c.name, { districtId: riverside, schoolId: riversideSchool });
    const parts = await db.microCredential.findUniqueOrThrow({ where: { slug: ex.microCredentialSlug }, select: { currentVersion: { select: { parts: { orderBy: { sortOrder: 'asc' }, select: { title: true } } } } } });
    const answers = new Map<number, string>();
    parts.currentVersion!.parts.forEach((p, i) => {
      const r = ex.responses.find((x) => x.partTitle === p.title);
      if (r) answers.set(i, r.text);
    });
    await fillAndSubmit(who, ex.microCredentialSlug, answers);
  }
  // A question a colleague asked the issuer before applying, answered and shared on the
  // micro-credential's page (without her name), and a workshop Maya recorded from elsewhere.
  const lena = await loadActor((await db.user.findUniqueOrThrow({ where: { email: colleagues[0].email }, select: { id: true } })).id);
  const { questionId } = await askCredentialQuestion({ actor: lena!, microCredentialId: mcId(SLUGS.teamAgenda), body: 'Can the agenda be for a team I already lead, or does it have to be a new team?' });
  await answerCredentialQuestion({ actor: admin, questionId, answer: 'A team you already lead is fine. Say in your reflection what you changed in this agenda compared with your usual meetings, so the reviewer can see the new practice.', share: true });
  const { entry: institute } = await addExternalLearning({ actor: teacher, input: externalLearningFields(new Date().toISOString().slice(0, 10)).parse({ title: 'Formative assessment in science: summer institute', provider: 'Wisconsin Science Teachers Association', completedOn: '2026-07-15', pdHours: '12' }) });
  // Its certificate of completion, attached as the page does (ADR 027's addendum): her district's
  // leader opens it from her teacher record.
  const certificate = await samplePdf('Certificate of completion (demo)', [
    'Wisconsin Science Teachers Association',
    `This certifies that ${teacher.name} completed`,
    'Formative assessment in science: summer institute',
    '15 July 2026, 12 hours of professional development.',
  ]);
  const ticket = await requestCertificateUpload({ actor: teacher, learningId: institute.id, fileName: 'wsta-summer-institute-certificate.pdf', contentType: 'application/pdf', size: certificate.byteLength });
  const put = await fetch(ticket.url, { method: 'PUT', body: Buffer.from(certificate), headers: { 'content-type': ticket.contentType } });
  if (!put.ok) throw new Error(`certificate upload failed: ${put.status} ${await put.text()}`);
  await completeCertificateUpload({ actor: teacher, certificateId: ticket.certificateId });
  log(`demo work: 2 earned badges (1 due for renewal), 1 draft, a colleague at Maya's school who shares, ${colleagues.length} submissions in the review queue (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

// Run directly (npm run db:seed, the dev launcher, the e2e server).
if (process.argv[1] && /seed\.ts$/.test(process.argv[1])) {
  seed()
    .then(() => process.exit(0))
    .catch((e) => {
      console.error('[seed] failed:', e instanceof Error ? e.message : e);
      if (process.env.DEBUG) console.error(e);
      process.exit(1);
    });
}
