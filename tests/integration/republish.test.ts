import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { ALREADY_BACK, EDIT_CONFLICT, NOT_RETIRED, publishMicroCredential, republishMicroCredential, retireMicroCredential, saveMicroCredentialDraft, createMicroCredential } from '@/lib/authoring/mutations';
import { describeVersions, getCredentialForEdit, loadDefinition } from '@/lib/authoring/queries';
import { createIssuerTrack, publishTrack, retireTrack, updateTrack } from '@/lib/authoring/tracks';
import { createIssuerStack, publishStack } from '@/lib/authoring/stacks';
import { enrollInMicroCredential, withdrawFromMicroCredential } from '@/lib/enrollment/mutations';
import { startApplication } from '@/lib/submissions/mutations';
import { getApplication } from '@/lib/submissions/queries';
import { getMicroCredentialPage, getPublishedTrack, searchCatalog } from '@/lib/catalog/queries';
import { CatalogSearchInput } from '@/lib/catalog/schemas';
import type { Actor } from '@/lib/auth/actor';

const search = (q: Record<string, string>) => searchCatalog(CatalogSearchInput.parse(q));
const status = async (id: string) => (await db.microCredential.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
const trackHours = async (trackId: string) => Number((await db.catalogEntry.findFirstOrThrow({ where: { kind: 'TRACK', refId: trackId }, select: { pdHours: true } })).pdHours);
/** What the editor sends: the newest version as it loaded it. */
async function openEditor(actor: Actor, microCredentialId: string) {
  const latest = (await getCredentialForEdit({ actor, microCredentialId })).latest!;
  return { versionId: latest.id, updatedAt: latest.updatedAt };
}

/** The track's last save, as an edit page opened now sends it back (updateTrack refuses a save on top of a newer one). */
const seenTrack = async (id: string) => (await db.track.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } })).updatedAt;

beforeEach(resetDatabase);

describe('publishing a retired micro-credential again', () => {
  it('puts it back in catalogue search and on its public page, at the same address and version, and logs it', async () => {
    const { admin, mc, version } = await createPublishedCredential({ def: { title: 'Socratic Seminars', competency: 'The educator runs Socratic seminars.' } });
    const before = await db.microCredential.findUniqueOrThrow({ where: { id: mc.id }, select: { publishedAt: true } });
    await retireMicroCredential({ actor: admin, microCredentialId: mc.id });
    expect((await search({ q: 'socratic' })).items).toHaveLength(0);
    expect(describeVersions([{ version: 1, status: 'PUBLISHED' }], 'RETIRED')).toBe('Retired — version 1 was the last published');

    const expected = await openEditor(admin, mc.id);
    const result = await republishMicroCredential({ actor: admin, microCredentialId: mc.id, expected });
    expect(result).toMatchObject({ versionId: version.id, version: 1 });

    expect((await search({ q: 'socratic' })).items.map((i) => [i.slug, i.title])).toEqual([[mc.slug, 'Socratic Seminars']]);
    expect(await getMicroCredentialPage(mc.slug)).toMatchObject({ id: mc.id, status: 'PUBLISHED', version: { id: version.id, title: 'Socratic Seminars' } });
    // No new version, and the first-published date (catalogue order, badge history) is kept.
    const after = await db.microCredential.findUniqueOrThrow({ where: { id: mc.id }, select: { slug: true, currentVersionId: true, publishedAt: true, _count: { select: { versions: true } } } });
    expect(after).toEqual({ slug: mc.slug, currentVersionId: version.id, publishedAt: before.publishedAt, _count: { versions: 1 } });

    const log = await db.auditLog.findMany({ where: { entityId: mc.id, action: { in: ['credential.retire', 'credential.publish_again'] } }, orderBy: { at: 'asc' }, select: { action: true, actorId: true, organizationId: true, data: true } });
    expect(log).toEqual([
      { action: 'credential.retire', actorId: admin.id, organizationId: mc.issuerId, data: {} },
      { action: 'credential.publish_again', actorId: admin.id, organizationId: mc.issuerId, data: { version: 1 } },
    ]);
    // The editor shows it as published again, with Retire available.
    const edit = await getCredentialForEdit({ actor: admin, microCredentialId: mc.id });
    expect(describeVersions(edit.mc.versions, edit.mc.status)).toBe('Version 1 — published');
    // And it can be retired again.
    await retireMicroCredential({ actor: admin, microCredentialId: mc.id });
    expect(await status(mc.id)).toBe('RETIRED');
  });

  it('lets teachers who were on it carry on throughout, and newcomers (and those who stopped) enrol again once it is back', async () => {
    const { admin, mc } = await createPublishedCredential();
    const midway = await createActor();
    const stopped = await createActor();
    const newcomer = await createActor();
    await enrollInMicroCredential({ actor: midway, microCredentialId: mc.id });
    const sub = await startApplication({ actor: midway, microCredentialId: mc.id });
    await enrollInMicroCredential({ actor: stopped, microCredentialId: mc.id });
    await retireMicroCredential({ actor: admin, microCredentialId: mc.id });

    // While retired: the teacher midway keeps their application; nobody new gets in.
    expect((await getApplication(midway, mc.slug))?.submission?.id).toBe(sub.id);
    await withdrawFromMicroCredential({ actor: stopped, microCredentialId: mc.id });
    await expect(enrollInMicroCredential({ actor: stopped, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(enrollInMicroCredential({ actor: newcomer, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await republishMicroCredential({ actor: admin, microCredentialId: mc.id, expected: await openEditor(admin, mc.id) });

    expect((await getApplication(midway, mc.slug))?.submission?.id).toBe(sub.id);
    await enrollInMicroCredential({ actor: stopped, microCredentialId: mc.id });
    await enrollInMicroCredential({ actor: newcomer, microCredentialId: mc.id });
    const enrolments = await db.enrollment.findMany({ where: { microCredentialId: mc.id, withdrawnAt: null }, select: { userId: true } });
    expect(enrolments.map((e) => e.userId).sort()).toEqual([midway.id, stopped.id, newcomer.id].sort());
    expect((await startApplication({ actor: newcomer, microCredentialId: mc.id })).id).toBeTruthy();
  });

  it('is refused to an admin of another issuer (and to a teacher), changing nothing', async () => {
    const { admin, mc } = await createPublishedCredential();
    await retireMicroCredential({ actor: admin, microCredentialId: mc.id });
    const expected = await openEditor(admin, mc.id);
    const otherIssuer = await createOrg({ kind: 'ISSUER' });
    const otherAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: otherIssuer.id }] });
    const teacher = await createActor();

    for (const actor of [otherAdmin, teacher]) {
      await expect(republishMicroCredential({ actor, microCredentialId: mc.id, expected })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await status(mc.id)).toBe('RETIRED');
    expect(await db.catalogEntry.count({ where: { refId: mc.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: 'credential.publish_again' } })).toBe(0);
  });

  it('refuses a stale form: someone saved a draft since the editor was opened', async () => {
    const { admin, mc, version } = await createPublishedCredential({ def: { title: 'First edition' } });
    await retireMicroCredential({ actor: admin, microCredentialId: mc.id });
    const stale = await openEditor(admin, mc.id);
    const colleague = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: mc.issuerId }] });
    await saveMicroCredentialDraft({ actor: colleague, microCredentialId: mc.id, def: { ...(await loadDefinition(version.id)).def, title: 'Second edition' } });

    await expect(republishMicroCredential({ actor: admin, microCredentialId: mc.id, expected: stale })).rejects.toMatchObject({ code: 'CONFLICT', message: EDIT_CONFLICT });
    expect(await status(mc.id)).toBe('RETIRED');
    expect(await db.catalogEntry.count({ where: { refId: mc.id } })).toBe(0);

    // Reloaded, the editor shows the draft; publishing again still restores the last published
    // version as it was, and the draft waits for the usual Publish.
    const edit = await getCredentialForEdit({ actor: admin, microCredentialId: mc.id });
    expect(describeVersions(edit.mc.versions, edit.mc.status)).toBe('Retired — version 1 was the last published; version 2 — draft');
    await republishMicroCredential({ actor: admin, microCredentialId: mc.id, expected: await openEditor(admin, mc.id) });
    expect((await getMicroCredentialPage(mc.slug))?.version.title).toBe('First edition');
    const versions = await db.microCredentialVersion.findMany({ where: { microCredentialId: mc.id }, orderBy: { version: 'asc' }, select: { status: true } });
    expect(versions.map((v) => v.status)).toEqual(['PUBLISHED', 'DRAFT']);
  });

  it('refuses when it is not retired, or when someone published it again first; two at once give one result', async () => {
    const { admin, mc } = await createPublishedCredential();
    await expect(republishMicroCredential({ actor: admin, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'INVALID_STATE', message: ALREADY_BACK });
    const draft = await createMicroCredential({ actor: admin, issuerId: mc.issuerId, def: { ...(await loadDefinition(mc.currentVersionId!)).def, slug: 'never-published' } });
    await expect(republishMicroCredential({ actor: admin, microCredentialId: draft.id })).rejects.toMatchObject({ code: 'INVALID_STATE', message: NOT_RETIRED });

    await retireMicroCredential({ actor: admin, microCredentialId: mc.id });
    const expected = await openEditor(admin, mc.id);
    const colleague = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: mc.issuerId }] });
    // Both press "Publish again" at the same moment: the credential row is locked, so one wins.
    const results = await Promise.allSettled([
      republishMicroCredential({ actor: admin, microCredentialId: mc.id, expected }),
      republishMicroCredential({ actor: colleague, microCredentialId: mc.id, expected }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'INVALID_STATE', message: ALREADY_BACK } });
    expect(await db.auditLog.count({ where: { entityId: mc.id, action: 'credential.publish_again' } })).toBe(1);
    expect(await db.catalogEntry.count({ where: { kind: 'MICRO_CREDENTIAL', refId: mc.id } })).toBe(1);
  });

  it('publishing a draft of a retired credential also brings it back, as a new version, logged as publish again', async () => {
    const { admin, mc, version } = await createPublishedCredential({ def: { title: 'First edition' } });
    await retireMicroCredential({ actor: admin, microCredentialId: mc.id });
    await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: { ...(await loadDefinition(version.id)).def, title: 'Second edition' } });
    await publishMicroCredential({ actor: admin, microCredentialId: mc.id });
    expect(await status(mc.id)).toBe('PUBLISHED');
    expect((await search({ q: 'second edition' })).items.map((i) => i.slug)).toEqual([mc.slug]);
    const entry = await db.auditLog.findFirstOrThrow({ where: { entityId: mc.id, action: 'credential.publish_again' }, select: { data: true } });
    expect(entry.data).toEqual({ version: 2, newVersion: true });
  });
});

describe('tracks and stacks around a retired credential', () => {
  it('a track that still lists it counts it again; it cannot be taken out of the track while retired', async () => {
    const { issuer, admin, mc: a } = await createPublishedCredential({ def: { level: 1, pdHours: 10 } });
    const { mc: b } = await createPublishedCredential({ issuerId: issuer.id, admin, def: { level: 2, pdHours: 5 } });
    const def = { slug: 'feedback-track', title: 'Feedback', summary: 'Two levels.', topic: 'Assessment' };
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: { ...def, levels: [a.slug, b.slug] } });
    await publishTrack({ actor: admin, trackId: track.id });
    expect(await trackHours(track.id)).toBe(15);

    // Retiring keeps it in the track but out of the track's page and hours.
    await retireMicroCredential({ actor: admin, microCredentialId: b.id });
    expect(await trackHours(track.id)).toBe(10);
    expect((await getPublishedTrack('feedback-track'))?.microCredentials.map((m) => m.slug)).toEqual([a.slug]);

    await republishMicroCredential({ actor: admin, microCredentialId: b.id, expected: await openEditor(admin, b.id) });
    expect(await trackHours(track.id)).toBe(15);
    expect((await getPublishedTrack('feedback-track'))?.microCredentials.map((m) => m.slug)).toEqual([a.slug, b.slug]);
    expect(await db.microCredential.findUniqueOrThrow({ where: { id: b.id }, select: { trackId: true, level: true } })).toEqual({ trackId: track.id, level: 2 });

    // Retired, it still holds its level: badges earned at that level rely on it, so the track keeps it.
    await retireMicroCredential({ actor: admin, microCredentialId: b.id });
    await expect(updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: { ...def, levels: [a.slug] } })).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { 'levels.1': [expect.stringContaining('was published as level 2 and is now retired, so it cannot be taken out of the track')] },
    });
    await republishMicroCredential({ actor: admin, microCredentialId: b.id, expected: await openEditor(admin, b.id) });
    expect(await db.microCredential.findUniqueOrThrow({ where: { id: b.id }, select: { trackId: true, level: true } })).toEqual({ trackId: track.id, level: 2 });
    expect(await trackHours(track.id)).toBe(15);

    // A retired track stays retired.
    await retireTrack({ actor: admin, trackId: track.id });
    await retireMicroCredential({ actor: admin, microCredentialId: a.id });
    await republishMicroCredential({ actor: admin, microCredentialId: a.id, expected: await openEditor(admin, a.id) });
    expect(await getPublishedTrack('feedback-track')).toBeNull();
  });

  it('a draft stack that lists it stays a draft, and can be published once it is back', async () => {
    const { issuer, admin, mc: a } = await createPublishedCredential();
    const { mc: b } = await createPublishedCredential({ issuerId: issuer.id, admin });
    const stack = await createIssuerStack({ actor: admin, issuerId: issuer.id, def: { slug: 'assessment-stack', title: 'Assessment stack', summary: 'Both.', microCredentials: [a.slug, b.slug] } });
    await retireMicroCredential({ actor: admin, microCredentialId: b.id });
    await expect(publishStack({ actor: admin, stackId: stack.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });

    await republishMicroCredential({ actor: admin, microCredentialId: b.id, expected: await openEditor(admin, b.id) });
    expect((await db.stack.findUniqueOrThrow({ where: { id: stack.id }, select: { status: true } })).status).toBe('DRAFT');
    expect(await db.catalogEntry.count({ where: { kind: 'STACK', refId: stack.id } })).toBe(0);

    await publishStack({ actor: admin, stackId: stack.id });
    const entry = await db.catalogEntry.findFirstOrThrow({ where: { kind: 'MICRO_CREDENTIAL', refId: b.id }, select: { stackSlugs: true } });
    expect(entry.stackSlugs).toEqual(['assessment-stack']);
  });
});
