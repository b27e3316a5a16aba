// Review work waiting is told to the people who can act on it: issuer admins when two scorers
// disagree (and on /admin), reviewers in a daily digest of what they could claim.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '@/tests/setup/db';
import { createActor, createOrg } from '@/tests/factories';
import { claimReview } from '@/lib/review/mutations';
import { loadActor } from '@/lib/auth/load-actor';
import { requestSecondLook } from '@/lib/review/second-look';
import { makeReviewWorld as makeWorld, scoreAttempt as score, submitTextAttempt as submitText } from '@/tests/factories/review-world';
import { getAdminHome } from '@/lib/authoring/queries';
import { computeReviewerDigests, DIGEST_KIND, sendReviewerDigests } from '@/lib/review/digest';
import { ensurePeriodicJob, runDueJobs } from '@/lib/jobs/queue';
import { jobHandlers, periodicJobs } from '@/lib/jobs/handlers';
import { FORMER_PLACEMENT_DAYS } from '@/lib/review/policy';

beforeEach(resetDatabase);

const adjudicationNotices = (userId: string) => db.notification.findMany({ where: { userId, kind: 'review.adjudication' }, select: { title: true, href: true, body: true } });

describe('a disagreement between two scorers', () => {
  it('tells the issuer’s admins who may settle it, in plain words, with a link to the adjudication list', async () => {
    const school = await createOrg({ kind: 'SCHOOL' });
    const w = await makeWorld({ doubleScoreRate: 1 });
    const ann = await w.reviewer({ name: 'Ann Primary' });
    // An admin who also scores: as a scorer of this attempt, they cannot adjudicate it.
    const bob = await w.reviewer({ name: 'Bob Second', roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }, { role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
    const sameSchoolAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }], schoolId: school.id });
    const otherIssuer = await createOrg({ kind: 'ISSUER' });
    const otherAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: otherIssuer.id }] });
    const teacher = await createActor({ name: 'Tess Teacher', schoolId: school.id });
    const attemptId = await submitText(w, teacher);

    expect((await score(w, ann, attemptId, 'PRIMARY', [3, 3])).outcome).toBe('AWAITING_SECOND');
    expect(await db.notification.count({ where: { kind: 'review.adjudication' } })).toBe(0);
    expect((await score(w, bob, attemptId, 'SECOND', [1, 1])).outcome).toBe('NEEDS_ADJUDICATION');

    const [notice, ...more] = await adjudicationNotices(w.admin.id);
    expect(more).toEqual([]);
    expect(notice.title).toBe(`A submission for “${(await db.microCredentialVersion.findUniqueOrThrow({ where: { id: w.version.id } })).title}” needs adjudication`);
    expect(notice.href).toBe('/admin/review-quality#adjudication');
    // Never who the teacher is (blind review applies to adjudicators too).
    expect(`${notice.title} ${notice.body}`).not.toContain('Tess');
    // Neither scorer, nobody with a conflict of interest, no admin of another issuer.
    for (const u of [ann, bob, sameSchoolAdmin, otherAdmin, teacher]) expect(await adjudicationNotices(u.id)).toEqual([]);
    // Emailed too, through the queue (notify), unless the admin turned work emails off.
    expect(await db.job.count({ where: { type: 'email.notification', payload: { path: ['userId'], equals: w.admin.id } } })).toBe(1);
  });

  it('does not tell an admin who left the teacher’s school within the year: claiming would refuse them', async () => {
    const [school, elsewhere] = [await createOrg({ kind: 'SCHOOL' }), await createOrg({ kind: 'SCHOOL' })];
    const w = await makeWorld({ doubleScoreRate: 1 });
    const [ann, bob] = [await w.reviewer(), await w.reviewer()];
    const leaver = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }], schoolId: school.id });
    // Moved to another school last week: the former school is kept (and dated) by the database.
    await db.user.update({ where: { id: leaver.id }, data: { schoolId: elsewhere.id } });
    expect(await db.user.findUniqueOrThrow({ where: { id: leaver.id }, select: { formerSchoolIds: true } })).toEqual({ formerSchoolIds: [school.id] });
    const attemptId = await submitText(w, await createActor({ schoolId: school.id }));
    await score(w, ann, attemptId, 'PRIMARY', [3, 3]);
    expect((await score(w, bob, attemptId, 'SECOND', [1, 1])).outcome).toBe('NEEDS_ADJUDICATION');

    expect(await adjudicationNotices(leaver.id)).toEqual([]);
    expect(await adjudicationNotices(w.admin.id)).toHaveLength(1);
    // The same rule as claiming the adjudication, which refuses them.
    const moved = (await loadActor(leaver.id))!;
    await expect(claimReview({ actor: moved, attemptId, kind: 'ADJUDICATION' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/own school/) });
    await claimReview({ actor: w.admin, attemptId, kind: 'ADJUDICATION' });
  });

  it('tells nobody when the two scorers agree', async () => {
    const w = await makeWorld({ doubleScoreRate: 1 });
    const [ann, bob] = [await w.reviewer(), await w.reviewer()];
    const attemptId = await submitText(w, await createActor());
    await score(w, ann, attemptId, 'PRIMARY', [3, 3]);
    expect((await score(w, bob, attemptId, 'SECOND', [2, 3])).outcome).toBe('PASSED');
    expect(await db.notification.count({ where: { kind: 'review.adjudication' } })).toBe(0);
  });
});

describe('the admin home', () => {
  it('counts submissions needing adjudication and those past their decision date, for the admin’s issuers only', async () => {
    const w = await makeWorld({ doubleScoreRate: 1 });
    const [ann, bob] = [await w.reviewer(), await w.reviewer()];
    const disputed = await submitText(w, await createActor());
    await score(w, ann, disputed, 'PRIMARY', [3, 3]);
    await score(w, bob, disputed, 'SECOND', [1, 1]);
    const late = await submitText(w, await createActor());
    const onTime = await submitText(w, await createActor());
    // The date teachers see as "Decision expected by" has passed for one of them.
    await db.attempt.update({ where: { id: late }, data: { dueAt: new Date(Date.now() - 86_400_000) } });
    // A decided attempt past its date is no longer waiting for anything.
    const decided = await submitText(w, await createActor());
    await score(w, ann, decided, 'PRIMARY', [3, 3]);
    await score(w, bob, decided, 'SECOND', [3, 3]);
    await db.attempt.update({ where: { id: decided }, data: { dueAt: new Date(Date.now() - 86_400_000) } });
    // Another issuer's overdue and disputed work is not this admin's.
    const other = await makeWorld({ doubleScoreRate: 1 });
    const [oa, ob] = [await other.reviewer(), await other.reviewer()];
    const otherDisputed = await submitText(other, await createActor());
    await score(other, oa, otherDisputed, 'PRIMARY', [3, 3]);
    await score(other, ob, otherDisputed, 'SECOND', [1, 1]);
    await db.attempt.update({ where: { id: otherDisputed }, data: { dueAt: new Date(Date.now() - 86_400_000) } });

    const home = await getAdminHome(w.admin);
    expect(home).toMatchObject({ pendingReview: 3, needsAdjudication: 1, pastDecisionDate: 1 });
    expect(onTime).toBeTruthy();
    // Two weeks of business days on, every undecided attempt is past its date.
    const later = await getAdminHome(w.admin, new Date(Date.now() + 30 * 86_400_000));
    expect(later).toMatchObject({ needsAdjudication: 1, pastDecisionDate: 3 });
    expect(await getAdminHome(other.admin)).toMatchObject({ needsAdjudication: 1, pastDecisionDate: 1 });
  });
});

describe('the reviewers’ daily digest', () => {
  it('tells each qualified reviewer once what they could claim, and nobody else', async () => {
    const school = await createOrg({ kind: 'SCHOOL' });
    const w = await makeWorld({});
    const ready = await w.reviewer({ name: 'Rea Ready' });
    const quiet = await w.reviewer({ name: 'Quinn Quiet' });
    await db.user.update({ where: { id: quiet.id }, data: { emailNotifications: false } });
    const disabled = await w.reviewer();
    await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    // Qualified for the credential but a reviewer only at another issuer: not theirs to review.
    const elsewhere = await createOrg({ kind: 'ISSUER' });
    const outsider = await w.reviewer({ roles: [{ role: 'REVIEWER', organizationId: elsewhere.id }] });
    // A reviewer at the issuer who is not qualified for this credential.
    const unqualified = await createActor({ roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }] });
    // A colleague of one teacher, where the issuer blocks reviewing one's own school.
    const colleague = await w.reviewer({ schoolId: school.id });

    const teacherInSchool = await createActor({ schoolId: school.id });
    const nearDue = await submitText(w, teacherInSchool);
    await db.attempt.update({ where: { id: nearDue }, data: { dueAt: new Date() } });
    await submitText(w, await createActor());
    // Claimed by someone: not waiting.
    const claimed = await submitText(w, await createActor());
    await claimReview({ actor: ready, attemptId: claimed });

    const digests = await computeReviewerDigests();
    expect(digests.find((d) => d.userId === ready.id)).toEqual({ userId: ready.id, waiting: 2, nearDue: 1, secondLooks: 0 });
    expect(digests.find((d) => d.userId === colleague.id)).toEqual({ userId: colleague.id, waiting: 1, nearDue: 0, secondLooks: 0 });
    for (const u of [disabled, outsider, unqualified, w.admin]) expect(digests.find((d) => d.userId === u.id)).toBeUndefined();

    expect(await sendReviewerDigests()).toBe(3);
    const notes = await db.notification.findMany({ where: { kind: DIGEST_KIND }, select: { userId: true, title: true, href: true } });
    expect(notes).toHaveLength(3);
    expect(notes.find((n) => n.userId === ready.id)).toEqual({ userId: ready.id, title: '2 submissions are waiting for credentials you review; 1 is near its decision date', href: '/review' });
    expect(notes.find((n) => n.userId === colleague.id)?.title).toBe('1 submission is waiting for credentials you review');

    // A second run the same day (a retry, another server) sends nobody another.
    expect(await sendReviewerDigests()).toBe(0);
    expect(await db.notification.count({ where: { kind: DIGEST_KIND } })).toBe(3);

    // The email follows the reviewer's choice about work emails.
    while ((await runDueJobs(jobHandlers)) > 0) {
      // drain
    }
    const mail = await db.emailMessage.findMany({ where: { subject: { contains: 'waiting for credentials you review' } }, select: { to: true } });
    expect(mail.map((m) => m.to).sort()).toEqual([ready.email, colleague.email].sort());
  });

  it('sends nothing when nothing waits that the reviewer could claim', async () => {
    const w = await makeWorld();
    const own = await w.reviewer();
    const other = await w.reviewer();
    // The only submission is the reviewer's own, and someone else holds a claim on it.
    const attemptId = await submitText(w, own);
    expect((await computeReviewerDigests()).map((d) => d.userId)).toEqual([other.id]);
    await claimReview({ actor: other, attemptId });
    expect(await sendReviewerDigests()).toBe(0);
    expect(await db.notification.count({ where: { kind: DIGEST_KIND } })).toBe(0);
  });

  it('counts second scoring for everyone but the first scorer, and not work waiting for adjudication', async () => {
    const w = await makeWorld({ doubleScoreRate: 1 });
    const [ann, bob, cal] = [await w.reviewer(), await w.reviewer(), await w.reviewer()];
    const attemptId = await submitText(w, await createActor());
    await score(w, ann, attemptId, 'PRIMARY', [3, 3]);
    const byUser = async () => new Map((await computeReviewerDigests()).map((d) => [d.userId, d.waiting]));
    expect(await byUser()).toEqual(new Map([[bob.id, 1], [cal.id, 1]]));
    await score(w, bob, attemptId, 'SECOND', [1, 1]);
    expect(await byUser()).toEqual(new Map());
  });

  it('counts a second look for whoever may take it: not its earlier scorers, not the admin who asked, not a conflicted colleague', async () => {
    const school = await createOrg({ kind: 'SCHOOL' });
    const w = await makeWorld({ doubleScoreRate: 1 });
    const [ann, bob] = [await w.reviewer({ name: 'Ann First' }), await w.reviewer({ name: 'Bob Second' })];
    // An admin of the issuer who also reviews this credential: they ask, so they may not take it.
    const asker = await w.reviewer({ name: 'Ada Asker', roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }, { role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
    const colleague = await w.reviewer({ name: 'Col League', schoolId: school.id });
    const fresh = await w.reviewer({ name: 'Fay Fresh' });
    const attemptId = await submitText(w, await createActor({ schoolId: school.id }));
    await score(w, ann, attemptId, 'PRIMARY', [1, 1]);
    expect((await score(w, bob, attemptId, 'SECOND', [1, 1])).outcome).toBe('RETURNED');
    expect(await computeReviewerDigests()).toEqual([]);

    const { version } = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { version: true } });
    await requestSecondLook({ actor: asker, attemptId, version, reason: 'Part 2 quotes three exit tickets the reviewers missed.' });
    expect(await computeReviewerDigests()).toEqual([{ userId: fresh.id, waiting: 1, nearDue: 0, secondLooks: 1 }]);
    for (const u of [ann, bob, asker, colleague]) expect((await computeReviewerDigests()).find((d) => d.userId === u.id)).toBeUndefined();

    // Alongside other work, the title names the second looks among it.
    await submitText(w, await createActor());
    const digests = await computeReviewerDigests();
    expect(digests.find((d) => d.userId === fresh.id)).toEqual({ userId: fresh.id, waiting: 2, nearDue: 0, secondLooks: 1 });
    expect(digests.find((d) => d.userId === ann.id)).toEqual({ userId: ann.id, waiting: 1, nearDue: 0, secondLooks: 0 });
    expect(await sendReviewerDigests()).toBe(digests.length);
    const note = await db.notification.findFirstOrThrow({ where: { kind: DIGEST_KIND, userId: fresh.id }, select: { title: true, body: true, href: true } });
    expect(note).toMatchObject({ title: '2 submissions are waiting for credentials you review, including 1 second look', href: '/review' });
    expect(note.body).toContain('“Second look” tab');

    // Once someone holds it, it no longer waits for anyone.
    await claimReview({ actor: fresh, attemptId, kind: 'SECOND_LOOK' });
    expect((await computeReviewerDigests()).find((d) => d.userId === fresh.id)).toEqual({ userId: fresh.id, waiting: 1, nearDue: 0, secondLooks: 0 });
  });

  // ADR 019: a school or district left within FORMER_PLACEMENT_DAYS still counts for the conflict
  // rules, on both sides. The digest must not tell anyone about work claiming would refuse them.
  const yearAgo = () => new Date(Date.now() - (FORMER_PLACEMENT_DAYS + 1) * 86_400_000);

  it('does not tell a reviewer about the work of a school or district they left within the year, and does once the move is a year old', async () => {
    const d = await createOrg({ kind: 'DISTRICT' });
    const s1 = await createOrg({ kind: 'SCHOOL', parentId: d.id });
    const e = await createOrg({ kind: 'DISTRICT' });
    const s2 = await createOrg({ kind: 'SCHOOL', parentId: e.id });
    const w = await makeWorld({ blockSameDistrict: true });
    const fresh = await w.reviewer({ name: 'Fay Fresh' });
    // Moved to another school last week; the former school is kept (and dated) by the database.
    const schoolLeaver = await w.reviewer({ name: 'Sol School', schoolId: s1.id });
    await db.user.update({ where: { id: schoolLeaver.id }, data: { schoolId: s2.id } });
    // Moved to another district last week.
    const districtLeaver = await w.reviewer({ name: 'Dee District' });
    await db.user.update({ where: { id: districtLeaver.id }, data: { districtId: d.id } });
    await db.user.update({ where: { id: districtLeaver.id }, data: { districtId: e.id } });
    expect(await db.user.findMany({ where: { id: { in: [schoolLeaver.id, districtLeaver.id] } }, select: { formerSchoolIds: true, formerDistrictIds: true }, orderBy: { name: 'asc' } }))
      .toEqual([{ formerSchoolIds: [], formerDistrictIds: [d.id] }, { formerSchoolIds: [s1.id], formerDistrictIds: [] }]);
    const attemptId = await submitText(w, await createActor({ districtId: d.id, schoolId: s1.id }));

    const digests = await computeReviewerDigests();
    expect(digests.find((x) => x.userId === fresh.id)).toEqual({ userId: fresh.id, waiting: 1, nearDue: 0, secondLooks: 0 });
    for (const u of [schoolLeaver, districtLeaver]) {
      expect(digests.find((x) => x.userId === u.id)).toBeUndefined();
      // The same rule as claiming, which refuses them.
      await expect(claimReview({ actor: (await loadActor(u.id))!, attemptId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await sendReviewerDigests()).toBe(1);
    expect((await db.notification.findMany({ where: { kind: DIGEST_KIND }, select: { userId: true } })).map((n) => n.userId)).toEqual([fresh.id]);

    // Over a year after the moves, the old school and district no longer count.
    await db.user.updateMany({ where: { id: { in: [schoolLeaver.id, districtLeaver.id] } }, data: { placementChangedAt: yearAgo() } });
    const later = await computeReviewerDigests();
    for (const u of [fresh, schoolLeaver, districtLeaver]) expect(later.find((x) => x.userId === u.id)).toEqual({ userId: u.id, waiting: 1, nearDue: 0, secondLooks: 0 });
  });

  it('does not tell a reviewer about the work, second looks included, of a teacher who left their school within the year', async () => {
    const [s1, s2] = [await createOrg({ kind: 'SCHOOL' }), await createOrg({ kind: 'SCHOOL' })];
    const w = await makeWorld({});
    const [ann, colleague] = [await w.reviewer({ name: 'Ann First' }), await w.reviewer({ name: 'Col League', schoolId: s1.id })];
    // Someone who may take the second look, so that it can be asked for.
    const fresh = await w.reviewer({ name: 'Fay Fresh' });
    const [t1, t2] = [await createActor({ schoolId: s1.id }), await createActor({ schoolId: s1.id })];
    const returned = await submitText(w, t1);
    expect((await score(w, ann, returned, 'PRIMARY', [1, 1])).outcome).toBe('RETURNED');
    const { version } = await db.attempt.findUniqueOrThrow({ where: { id: returned }, select: { version: true } });
    await requestSecondLook({ actor: w.admin, attemptId: returned, version, reason: 'The evidence for criterion 1 is in part 2.' });
    const waiting = await submitText(w, t2);
    // Both teachers have since moved to another school.
    await db.user.updateMany({ where: { id: { in: [t1.id, t2.id] } }, data: { schoolId: s2.id } });

    const digests = await computeReviewerDigests();
    expect(digests.find((x) => x.userId === colleague.id)).toBeUndefined();
    expect(digests.find((x) => x.userId === ann.id)).toEqual({ userId: ann.id, waiting: 1, nearDue: 0, secondLooks: 0 });
    expect(digests.find((x) => x.userId === fresh.id)).toEqual({ userId: fresh.id, waiting: 2, nearDue: 0, secondLooks: 1 });
    const me = (await loadActor(colleague.id))!;
    await expect(claimReview({ actor: me, attemptId: waiting })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(claimReview({ actor: me, attemptId: returned, kind: 'SECOND_LOOK' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    await db.user.updateMany({ where: { id: { in: [t1.id, t2.id] } }, data: { placementChangedAt: yearAgo() } });
    expect((await computeReviewerDigests()).find((x) => x.userId === colleague.id)).toEqual({ userId: colleague.id, waiting: 2, nearDue: 0, secondLooks: 1 });
  });

  it('words a digest of second looks only as such, linking to their tab', async () => {
    const w = await makeWorld();
    const [ann, fresh] = [await w.reviewer(), await w.reviewer()];
    const attemptId = await submitText(w, await createActor());
    expect((await score(w, ann, attemptId, 'PRIMARY', [1, 1])).outcome).toBe('RETURNED');
    const { version } = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { version: true } });
    await requestSecondLook({ actor: w.admin, attemptId, version, reason: 'The evidence for criterion 1 is in part 2.' });
    await db.attempt.update({ where: { id: attemptId }, data: { dueAt: new Date() } });
    expect(await sendReviewerDigests()).toBe(1);
    expect(await db.notification.findFirstOrThrow({ where: { kind: DIGEST_KIND }, select: { userId: true, title: true, href: true } })).toEqual({
      userId: fresh.id, title: '1 second look is waiting for credentials you review; 1 is near its decision date', href: '/review?kind=SECOND_LOOK',
    });
  });

  it('runs as a daily periodic job, scheduled once across servers', async () => {
    expect(periodicJobs).toContainEqual({ type: 'review.digest', everySeconds: 24 * 60 * 60 });
    const w = await makeWorld();
    const r = await w.reviewer();
    await submitText(w, await createActor());
    const scheduled = await Promise.all([ensurePeriodicJob('review.digest', 86_400), ensurePeriodicJob('review.digest', 86_400)]);
    expect(scheduled.filter(Boolean)).toHaveLength(1);
    while ((await runDueJobs(jobHandlers)) > 0) {
      // drain
    }
    expect(await db.notification.count({ where: { kind: DIGEST_KIND, userId: r.id } })).toBe(1);
    expect(await ensurePeriodicJob('review.digest', 86_400)).toBe(false);
  });
});
