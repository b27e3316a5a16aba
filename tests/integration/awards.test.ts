/* eslint-disable @typescript-eslint/no-explicit-any -- signed credential JSON is inspected field by field */
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createEarnedSubmission, createPublishedCredential } from '../factories';
import { awardStackToHolders, issueAwardForSubmission } from '@/lib/awards/issue';
import { createIssuerStack, publishStack } from '@/lib/authoring/stacks';
import { runDueJobs } from '@/lib/jobs/queue';
import { jobHandlers } from '@/lib/jobs/handlers';
import { reinstateAward, revokeAward, suspendAward } from '@/lib/awards/revoke';
import { verifyCredential } from '@/lib/credentials/verify';
import { decodeStatusList, getStatusBit } from '@/lib/credentials/status-list';
import { ownSuspensionListFor, setSuspensionBit } from '@/lib/awards/status-lists';
import { GET as revocationListGET } from '@/app/status-lists/[id]/route';
import { GET as suspensionListGET } from '@/app/status-lists/[id]/suspension/route';
import { rotateIssuerKey } from '@/lib/awards/keys';
import { verifyStoredCredential, getPublicPortfolio } from '@/lib/awards/queries';
import { bakedPng, bakedSvg } from '@/lib/awards/images';
import { extractCredential } from '@/lib/credentials/bake';
import { validateOpenBadgeCredential } from '@/lib/credentials/schema';
import { hashEmailIdentity } from '@/lib/credentials/identity';
import { createStack } from '@/lib/authoring/mutations';
import { startApplication } from '@/lib/submissions/mutations';
import { VerifyInput, verifyUpload } from '@/lib/awards/verify-upload';
import { signCredential } from '@/lib/credentials/sign';
import { getSigningKey } from '@/lib/awards/keys';

beforeEach(resetDatabase);

/** An earned submission (the review flow is tested elsewhere; here only the award matters). */
async function earned(opts: { issuerId?: string; admin?: Awaited<ReturnType<typeof createActor>>; teacher?: Awaited<ReturnType<typeof createActor>>; def?: NonNullable<Parameters<typeof createPublishedCredential>[0]>['def'] } = {}) {
  const cred = await createPublishedCredential({ issuerId: opts.issuerId, admin: opts.admin, def: opts.def });
  const teacher = opts.teacher ?? (await createActor({ email: `Teacher.${Math.random().toString(36).slice(2)}@School.test` }));
  const submissionId = await createEarnedSubmission(teacher, cred.mc.id, { publicSummary: 'Students used feedback to revise lab reports.' });
  return { ...cred, teacher, submissionId };
}

describe('awards', () => {
  it('issues a signed OB 3.0 credential that validates against the 1EdTech schema and verifies', async () => {
    const { submissionId, teacher, mc } = await earned({ def: { expiryMonths: 24, pdHours: 12.5, alignments: [{ targetName: 'ISTE 2.5', targetUrl: 'https://iste.org/standards' }] } });
    const { awardId } = await issueAwardForSubmission(submissionId);
    const award = await db.award.findUniqueOrThrow({ where: { id: awardId } });
    const vc = award.credential as Record<string, any>;
    expect(validateOpenBadgeCredential(vc)).toEqual({ valid: true, errors: [] });
    expect(vc.id).toBe(`http://127.0.0.1:3100/credentials/${awardId}`);
    expect(vc.issuer.id).toMatch(/^did:key:z6Mk/);
    expect(vc.proof[0].cryptosuite).toBe('eddsa-rdfc-2022');
    expect(vc.credentialSubject.achievement.creditsAvailable).toBe(12.5);
    expect(vc.credentialSubject.achievement.alignment[0].targetName).toBe('ISTE 2.5');
    expect(vc.validUntil).toBeTruthy();
    expect(vc.credentialStatus.type).toBe('BitstringStatusListEntry');
    // Recipient is a salted hash of the (normalised) email, never the address itself.
    const identity = vc.credentialSubject.identifier[0];
    expect(JSON.stringify(vc)).not.toContain(teacher.email.toLowerCase());
    expect(identity.identityHash).toBe(hashEmailIdentity(teacher.email, identity.salt));
    // Evidence is the public summary page, never a private file.
    expect(vc.evidence[0].id).toContain(`/credentials/${awardId}#evidence`);
    expect(JSON.stringify(vc)).not.toContain('evidence/');
    const result = await verifyStoredCredential(vc);
    expect(result.checks).toEqual({ signature: 'ok', expiry: 'ok', revocation: 'ok', schema: 'ok' });
    expect(await db.auditLog.count({ where: { action: 'award.issue', entityId: awardId } })).toBe(1);
    expect(await db.notification.count({ where: { kind: 'award.issued' } })).toBe(1);
    expect(mc.slug).toBeTruthy();
  });

  it('is idempotent: retries and concurrent calls produce one award', async () => {
    const { submissionId } = await earned();
    const results = await Promise.allSettled([issueAwardForSubmission(submissionId), issueAwardForSubmission(submissionId)]);
    const ids = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ awardId: string }>).value.awardId);
    expect(ids.length).toBeGreaterThanOrEqual(1);
    expect(await db.award.count({ where: { submissionId } })).toBe(1);
    expect((await issueAwardForSubmission(submissionId)).awardId).toBe((await db.award.findFirstOrThrow({ where: { submissionId } })).id);
  });

  it('refuses to award a submission that was not earned', async () => {
    const cred = await createPublishedCredential();
    const teacher = await createActor();
    const sub = await startApplication({ actor: teacher, microCredentialId: cred.mc.id });
    await expect(issueAwardForSubmission(sub.id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('revocation flips the status list bit: verification then reports revoked, and it is audit-logged', async () => {
    const { submissionId, admin, issuer } = await earned();
    const { awardId } = await issueAwardForSubmission(submissionId);
    const otherAdmin = (await createPublishedCredential()).admin;
    await expect(revokeAward({ actor: otherAdmin, awardId, reason: 'Not yours to revoke' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await revokeAward({ actor: admin, awardId, reason: 'Evidence was plagiarised.' });
    const award = await db.award.findUniqueOrThrow({ where: { id: awardId } });
    const result = await verifyStoredCredential(award.credential);
    expect(result.verified).toBe(false);
    expect(result.checks.revocation).toBe('revoked');
    expect(await db.auditLog.count({ where: { action: 'award.revoke', entityId: awardId, organizationId: issuer.id } })).toBe(1);
    await expect(revokeAward({ actor: admin, awardId, reason: 'again, twice' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('suspension is reversible, published as a signed companion list, audit-logged, and gives way to revocation', async () => {
    const { submissionId, admin, issuer, teacher } = await earned();
    const { awardId } = await issueAwardForSubmission(submissionId);
    await db.user.update({ where: { id: teacher.id }, data: { handle: 'suspended-teacher', portfolioPublic: true } });
    const award = await db.award.findUniqueOrThrow({ where: { id: awardId } });
    // The credential itself keeps the single status entry 1EdTech's schema allows.
    expect(validateOpenBadgeCredential(award.credential as object).valid).toBe(true);

    // Verify as an outside verifier would: status lists fetched over the published routes.
    const base = 'http://127.0.0.1:3100/status-lists/';
    async function overHttp(url: string) {
      const [id, suffix] = url.slice(base.length).split('/');
      const handler = suffix === 'suspension' ? suspensionListGET : revocationListGET;
      const res = await handler(new Request(url), { params: Promise.resolve({ id }) });
      return res.ok ? res.json() : null;
    }
    const check = async () => (await verifyCredential(award.credential as object, { fetchStatusList: overHttp, companionSuspensionList: ownSuspensionListFor })).checks.revocation;
    expect(await check()).toBe('ok');

    const otherAdmin = (await createPublishedCredential()).admin;
    await expect(suspendAward({ actor: otherAdmin, awardId, reason: 'Not yours to suspend' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(suspendAward({ actor: teacher, awardId, reason: 'Suspending my own' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(reinstateAward({ actor: admin, awardId, note: '' })).rejects.toMatchObject({ code: 'INVALID_STATE' });

    await suspendAward({ actor: admin, awardId, reason: 'A complaint about the evidence is being looked into.' });
    expect(await check()).toBe('suspended');
    const stored = await verifyStoredCredential(award.credential);
    expect(stored.verified).toBe(false);
    expect(stored.errors).toContain('The issuer has suspended this credential.');
    const list = await (await suspensionListGET(new Request('http://x'), { params: Promise.resolve({ id: award.statusListId }) })).json();
    expect(list.credentialSubject.statusPurpose).toBe('suspension');
    expect(list.id).toBe(`${base}${award.statusListId}/suspension`);
    expect((await db.award.findUniqueOrThrow({ where: { id: awardId } })).suspensionReason).toMatch(/complaint/);
    expect(await db.auditLog.count({ where: { action: 'award.suspend', entityId: awardId, organizationId: issuer.id } })).toBe(1);
    expect(await db.notification.count({ where: { userId: teacher.id, kind: 'award.suspended' } })).toBe(1);
    expect((await getPublicPortfolio('suspended-teacher'))!.awards).toHaveLength(0);
    await expect(suspendAward({ actor: admin, awardId, reason: 'twice over' })).rejects.toMatchObject({ code: 'INVALID_STATE' });

    await reinstateAward({ actor: admin, awardId, note: 'Complaint dismissed.' });
    expect(await check()).toBe('ok');
    expect((await verifyStoredCredential(award.credential)).verified).toBe(true);
    expect(await db.auditLog.count({ where: { action: 'award.reinstate', entityId: awardId } })).toBe(1);
    expect((await getPublicPortfolio('suspended-teacher'))!.awards).toHaveLength(1);

    // Suspended, then revoked: the revocation wins and the suspension bit is cleared.
    await suspendAward({ actor: admin, awardId, reason: 'Second complaint.' });
    await revokeAward({ actor: admin, awardId, reason: 'Evidence was not the teacher’s own.' });
    expect(await check()).toBe('revoked');
    const after = await overHttp(`${base}${award.statusListId}/suspension`);
    expect(getStatusBit(decodeStatusList(after.credentialSubject.encodedList), award.statusListIndex)).toBe(false);
    expect((await db.award.findUniqueOrThrow({ where: { id: awardId } })).suspendedAt).toBeNull();
    await expect(suspendAward({ actor: admin, awardId, reason: 'after revocation' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(reinstateAward({ actor: admin, awardId, note: '' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('a revocation clears a suspension that landed after it read the badge (the two lists never disagree)', async () => {
    const { submissionId, admin } = await earned();
    const { awardId } = await issueAwardForSubmission(submissionId);
    const award = await db.award.findUniqueOrThrow({ where: { id: awardId } });
    const before = (await db.statusList.findUniqueOrThrow({ where: { id: award.statusListId } })).suspensionVersion;
    // The suspension's bit as a suspend committing between the revoke's first read and its transaction leaves it.
    await db.$transaction((tx) => setSuspensionBit(tx, award.statusListId, award.statusListIndex, true));
    await revokeAward({ actor: admin, awardId, reason: 'Evidence was not the teacher’s own.' });
    const list = await db.statusList.findUniqueOrThrow({ where: { id: award.statusListId } });
    expect(getStatusBit(new Uint8Array(list.suspensionBits!), award.statusListIndex)).toBe(false);
    expect(list.suspensionVersion).toBe(before + 2);
    // Revoking a badge that is not suspended signs no new suspension list.
    const other = await earned({ issuerId: award.issuerId, admin });
    const { awardId: plain } = await issueAwardForSubmission(other.submissionId);
    await revokeAward({ actor: admin, awardId: plain, reason: 'Plagiarised evidence.' });
    expect((await db.statusList.findUniqueOrThrow({ where: { id: award.statusListId } })).suspensionVersion).toBe(before + 2);
  });

  it('keeps earlier credentials valid after the issuer rotates its key', async () => {
    const first = await earned();
    const a1 = await issueAwardForSubmission(first.submissionId);
    const old = await db.award.findUniqueOrThrow({ where: { id: a1.awardId } });
    await rotateIssuerKey({ actor: first.admin, issuerId: first.issuer.id });
    const second = await earned({ issuerId: first.issuer.id, admin: first.admin });
    const a2 = await issueAwardForSubmission(second.submissionId);
    const fresh = await db.award.findUniqueOrThrow({ where: { id: a2.awardId } });
    expect((fresh.credential as any).issuer.id).not.toBe((old.credential as any).issuer.id);
    expect((await verifyStoredCredential(old.credential)).verified).toBe(true);
    expect((await verifyStoredCredential(fresh.credential)).verified).toBe(true);
  });

  it('bakes the credential into PNG and SVG images that round-trip and verify on the public verifier', async () => {
    const { submissionId } = await earned();
    const { awardId } = await issueAwardForSubmission(submissionId);
    const award = await db.award.findUniqueOrThrow({ where: { id: awardId } });
    const input = { id: awardId, title: award.title, issuerName: 'Issuer', level: 2, color: '#1d4ed8', credential: award.credential };
    const png = bakedPng(input);
    const fromPng = extractCredential(png);
    expect(fromPng?.kind === 'json' && fromPng.credential).toEqual(award.credential);
    const svg = bakedSvg(input);
    const fromSvg = extractCredential(svg);
    expect(fromSvg?.kind === 'json' && fromSvg.credential).toEqual(award.credential);
    const viaUpload = await verifyUpload({ kind: 'file', name: 'badge.png', base64: Buffer.from(png).toString('base64') });
    expect(viaUpload.ok && viaUpload.result.verified).toBe(true);
    const tampered = JSON.parse(JSON.stringify(award.credential));
    tampered.credentialSubject.achievement.name = 'Something I did not earn';
    const bad = await verifyUpload({ kind: 'text', text: JSON.stringify(tampered) });
    expect(bad.ok && bad.result.checks.signature).toBe('fail');
    const garbage = await verifyUpload({ kind: 'text', text: '{not json' });
    expect(garbage.ok).toBe(false);
  });

  it('the public verifier takes a badge link from this site, checks a recipient email against the hashed identity, and fetches nothing else', async () => {
    const { submissionId, teacher } = await earned();
    const { awardId } = await issueAwardForSubmission(submissionId);
    const link = `http://127.0.0.1:3100/credentials/${awardId}`;
    // The teacher's address in another case still matches (addresses are compared normalised).
    const byLink = await verifyUpload(VerifyInput.parse({ kind: 'text', text: link, email: teacher.email.toUpperCase() }));
    expect(byLink.ok && byLink.result.verified).toBe(true);
    expect(byLink.ok && byLink.summary).toMatchObject({ recipient: 'match', url: link });
    expect(byLink.ok && byLink.summary.validFrom).toBeTruthy();
    const json = await verifyUpload(VerifyInput.parse({ kind: 'text', text: `${link}/credential.json`, email: 'someone.else@school.test' }));
    expect(json.ok && json.summary.recipient).toBe('no-match');
    // No email: no recipient verdict.
    const plain = await verifyUpload(VerifyInput.parse({ kind: 'text', text: link, email: '' }));
    expect(plain.ok && plain.summary.recipient).toBeUndefined();
    // A tampered credential vouches for nothing: no recipient verdict, date or link.
    const award = await db.award.findUniqueOrThrow({ where: { id: awardId } });
    const tampered = JSON.parse(JSON.stringify(award.credential));
    tampered.name = 'Something else';
    const bad = await verifyUpload(VerifyInput.parse({ kind: 'text', text: JSON.stringify(tampered), email: teacher.email }));
    expect(bad.ok && bad.summary).toEqual({ name: 'Something else' });
    // A genuinely signed credential whose id points elsewhere (anyone can sign with their own key)
    // gets no "Open the badge's page" link: the page vouches only for this site's badge pages.
    const unsigned = JSON.parse(JSON.stringify(award.credential));
    delete unsigned.proof;
    const elsewhere = await signCredential({ ...unsigned, id: 'https://look-alike.example/credentials/x' }, await getSigningKey(award.issuerId));
    const foreign = await verifyUpload(VerifyInput.parse({ kind: 'text', text: JSON.stringify(elsewhere) }));
    expect(foreign.ok && foreign.result.checks.signature).toBe('ok');
    expect(foreign.ok && foreign.summary.url).toBeUndefined();
    // Links elsewhere are not fetched; unknown badges and bad addresses get clear answers.
    expect(await verifyUpload(VerifyInput.parse({ kind: 'text', text: `https://evil.example/credentials/${awardId}` }))).toMatchObject({ ok: false, message: expect.stringContaining('only look up badges from this site') });
    expect(await verifyUpload(VerifyInput.parse({ kind: 'text', text: 'http://127.0.0.1:3100/credentials/00000000-0000-4000-8000-000000000000' }))).toMatchObject({ ok: false, message: expect.stringContaining('no badge at that link') });
    expect(VerifyInput.safeParse({ kind: 'text', text: link, email: 'not an address' }).success).toBe(false);
  });

  it('awards a stack automatically once every component is held, with the components as evidence', async () => {
    const first = await earned();
    const teacher = first.teacher;
    const second = await earned({ issuerId: first.issuer.id, admin: first.admin, teacher });
    await createStack({ actor: first.admin, issuerId: first.issuer.id, publish: true, def: { slug: `stack-${Date.now()}`, title: 'Feedback Stack', summary: 'Both feedback credentials.', microCredentials: [first.mc.slug, second.mc.slug] } });
    const a1 = await issueAwardForSubmission(first.submissionId);
    expect(await db.award.count({ where: { userId: teacher.id, stackId: { not: null } } })).toBe(0);
    const a2 = await issueAwardForSubmission(second.submissionId);
    const stackAward = await db.award.findFirstOrThrow({ where: { userId: teacher.id, stackId: { not: null } } });
    const vc = stackAward.credential as any;
    expect(vc.evidence.map((e: { id: string }) => e.id).sort()).toEqual([a1.awardId, a2.awardId].map((id) => `http://127.0.0.1:3100/credentials/${id}`).sort());
    expect((await verifyStoredCredential(vc)).verified).toBe(true);
    expect(Number(stackAward.pdHours)).toBe(0);
  });

  it('a stack badge is on hold while a badge it is built from is suspended or revoked, and stands again once every part is held', async () => {
    const first = await earned();
    const teacher = first.teacher;
    const second = await earned({ issuerId: first.issuer.id, admin: first.admin, teacher });
    await createStack({ actor: first.admin, issuerId: first.issuer.id, publish: true, def: { slug: `hold-${Date.now()}`, title: 'Feedback Stack', summary: 'Both.', microCredentials: [first.mc.slug, second.mc.slug] } });
    const a1 = await issueAwardForSubmission(first.submissionId);
    await issueAwardForSubmission(second.submissionId);
    const stackAward = () => db.award.findFirstOrThrow({ where: { userId: teacher.id, stackId: { not: null } } });
    const bits = async () => {
      const s = await stackAward();
      const list = await db.statusList.findUniqueOrThrow({ where: { id: s.statusListId } });
      return getStatusBit(new Uint8Array(list.suspensionBits!), s.statusListIndex);
    };

    // A part suspended: the stack badge is on hold, for verifiers too, saying why.
    await suspendAward({ actor: first.admin, awardId: a1.awardId, reason: 'A complaint is being looked into.' });
    expect(await stackAward()).toMatchObject({ suspensionReason: expect.stringMatching(/one of the badges it is built from, is suspended/) });
    expect(await bits()).toBe(true);
    expect(await db.notification.count({ where: { userId: teacher.id, title: 'Your badge “Feedback Stack” is on hold' } })).toBe(1);
    // Reinstated: it stands again.
    await reinstateAward({ actor: first.admin, awardId: a1.awardId, note: '' });
    expect((await stackAward()).suspendedAt).toBeNull();
    expect(await bits()).toBe(false);

    // An administrator's own suspension of the stack badge is not lifted by a part's reinstatement.
    const stack = await stackAward();
    await suspendAward({ actor: first.admin, awardId: stack.id, reason: 'Checking the stack itself.' });
    await suspendAward({ actor: first.admin, awardId: a1.awardId, reason: 'And this part.' });
    await reinstateAward({ actor: first.admin, awardId: a1.awardId, note: '' });
    expect((await stackAward()).suspensionReason).toBe('Checking the stack itself.');
    await reinstateAward({ actor: first.admin, awardId: stack.id, note: '' });

    // A part revoked: the stack badge is revoked too (stack-badge-revoked-with-part.test.ts covers earning it again).
    await revokeAward({ actor: first.admin, awardId: a1.awardId, reason: 'Evidence was not the teacher’s own.' });
    expect(await stackAward()).toMatchObject({ revokedAt: expect.any(Date), suspendedAt: null, revocationReason: expect.stringMatching(/was revoked\. It can be earned again/) });
    expect(await db.auditLog.count({ where: { action: 'award.suspend', entityId: stack.id, data: { path: ['because'], equals: a1.awardId } } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'award.revoke', entityId: stack.id, data: { path: ['because'], equals: a1.awardId } } })).toBe(1);
  });

  it('a stack published after teachers earned its parts is awarded to them in the background', async () => {
    const first = await earned();
    const both = first.teacher;
    const second = await earned({ issuerId: first.issuer.id, admin: first.admin, teacher: both });
    await issueAwardForSubmission(first.submissionId);
    await issueAwardForSubmission(second.submissionId);
    // Another teacher holds both too; one holds both but one is suspended; one holds only the first.
    const earn = async (teacher: Awaited<ReturnType<typeof createActor>>, microCredentialId: string) => {
      const sub = await startApplication({ actor: teacher, microCredentialId });
      await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED' } });
      return (await issueAwardForSubmission(sub.id)).awardId;
    };
    const other = { teacher: await createActor() };
    await earn(other.teacher, first.mc.id);
    await earn(other.teacher, second.mc.id);
    const suspended = await createActor();
    await earn(suspended, first.mc.id);
    await suspendAward({ actor: first.admin, awardId: await earn(suspended, second.mc.id), reason: 'A complaint is being looked into.' });
    await earn(await createActor(), first.mc.id);

    const stack = await createIssuerStack({ actor: first.admin, issuerId: first.issuer.id, def: { slug: `late-stack-${Date.now()}`, title: 'Late Stack', summary: 'Both.', microCredentials: [first.mc.slug, second.mc.slug] } });
    expect(await db.job.count({ where: { type: 'stack.award-holders' } })).toBe(0);
    await publishStack({ actor: first.admin, stackId: stack.id });
    expect(await db.job.count({ where: { type: 'stack.award-holders', completedAt: null } })).toBe(1);

    // One holder per run here: the job queues the next run until everyone is done.
    expect(await awardStackToHolders(stack.id, { limit: 1 })).toEqual({ awarded: 1, more: true });
    await runDueJobs(jobHandlers, 10);
    const holders = await db.award.findMany({ where: { stackId: stack.id }, select: { userId: true, credential: true } });
    expect(holders.map((h) => h.userId).sort()).toEqual([both.id, other.teacher.id].sort());
    expect((await verifyStoredCredential(holders[0].credential as any)).verified).toBe(true);
    expect(await db.notification.count({ where: { userId: both.id, title: { contains: 'Late Stack' } } })).toBe(1);
    // Nothing left, and running again awards nobody twice.
    expect(await awardStackToHolders(stack.id)).toEqual({ awarded: 0, more: false });
    expect(await db.award.count({ where: { stackId: stack.id } })).toBe(2);
  });

  it('shows a portfolio only when the teacher opted in', async () => {
    const { submissionId, teacher } = await earned();
    await issueAwardForSubmission(submissionId);
    await db.user.update({ where: { id: teacher.id }, data: { handle: 'ms-teacher' } });
    expect(await getPublicPortfolio('ms-teacher')).toBeNull();
    await db.user.update({ where: { id: teacher.id }, data: { portfolioPublic: true } });
    const p = await getPublicPortfolio('ms-teacher');
    expect(p?.awards).toHaveLength(1);
  });
});
