import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, sampleDefinition, SAMPLE_PNG } from '../factories';
import { createMicroCredential, publishMicroCredential, retireMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { getCredentialForEdit, loadDefinition } from '@/lib/authoring/queries';
import { createIssuerStack, publishStack, retireStack, STACK_PARTS_LOCKED, STACK_SLUG_LOCKED, updateStack } from '@/lib/authoring/stacks';
import { createIssuerTrack, updateTrack } from '@/lib/authoring/tracks';
import { confirmBadgeUpload, requestBadgeUpload } from '@/lib/authoring/badge-image';
import { putObject } from '@/lib/storage/s3';
import { searchCatalog } from '@/lib/catalog/queries';
import { CatalogSearchInput } from '@/lib/catalog/schemas';

const search = (q: Record<string, string>) => searchCatalog(CatalogSearchInput.parse(q));
const liveRow = (id: string) => db.microCredential.findUniqueOrThrow({ where: { id }, select: { slug: true, level: true, topic: true, subjects: true, gradeBands: true } });

/** The track's last save, as an edit page opened now sends it back (updateTrack refuses a save on top of a newer one). */
const seenTrack = async (id: string) => (await db.track.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } })).updatedAt;
/** The stack's last save, as an edit page opened now sends it back (updateStack refuses a save on top of a newer one). */
const seenStack = async (id: string) => (await db.stack.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } })).updatedAt;

beforeEach(resetDatabase);

describe('a draft of a published credential changes nothing anyone sees until it is published', () => {
  it('keeps the live classification and catalogue entry, shows the pending values in the editor, and applies them on publish', async () => {
    const { admin, mc, version } = await createPublishedCredential({ def: { topic: 'Assessment', level: 1, subjects: ['Maths'], gradeBands: ['6-8'] } });
    const before = await liveRow(mc.id);
    const def = { ...(await loadDefinition(version.id)).def, topic: 'Literacy', level: 2, subjects: ['English'], gradeBands: ['9-12'] };

    await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def });
    expect(await liveRow(mc.id)).toEqual(before);
    const entry = await db.catalogEntry.findFirstOrThrow({ where: { kind: 'MICRO_CREDENTIAL', refId: mc.id }, select: { topic: true, level: true, subjects: true, gradeBands: true } });
    expect(entry).toEqual({ topic: 'Assessment', level: 1, subjects: ['Maths'], gradeBands: ['6-8'] });
    expect((await search({ topic: 'Literacy' })).items).toHaveLength(0);

    // Reopening the editor shows what the author saved, not the live values.
    const edit = await getCredentialForEdit({ actor: admin, microCredentialId: mc.id });
    expect(edit.def).toMatchObject({ topic: 'Literacy', level: 2, subjects: ['English'], gradeBands: ['9-12'] });

    await publishMicroCredential({ actor: admin, microCredentialId: mc.id });
    expect(await liveRow(mc.id)).toEqual({ slug: mc.slug, topic: 'Literacy', level: 2, subjects: ['English'], gradeBands: ['9-12'] });
    expect((await search({ topic: 'Literacy' })).items.map((i) => i.slug)).toEqual([mc.slug]);
  });

  it('refuses to change the address of a credential that has been published, even once retired', async () => {
    const { admin, mc, version } = await createPublishedCredential();
    const def = { ...(await loadDefinition(version.id)).def, slug: 'a-brand-new-address', title: 'Renamed' };
    const refused = { code: 'VALIDATION', fieldErrors: { slug: ['The address of a published micro-credential cannot change: badges link to it.'] } };
    await expect(saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def })).rejects.toMatchObject(refused);
    expect((await liveRow(mc.id)).slug).toBe(mc.slug);
    expect(await db.microCredentialVersion.count({ where: { microCredentialId: mc.id } })).toBe(1);

    await retireMicroCredential({ actor: admin, microCredentialId: mc.id });
    await expect(saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def })).rejects.toMatchObject(refused);
  });

  it('lets a never-published credential change its address and classification freely', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const admin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const mc = await createMicroCredential({ actor: admin, issuerId: issuer.id, def: sampleDefinition({ level: 1 }) });
    await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: sampleDefinition({ slug: 'renamed-before-publishing', topic: 'Literacy', level: 2 }) });
    expect(await liveRow(mc.id)).toMatchObject({ slug: 'renamed-before-publishing', topic: 'Literacy', level: 2 });
  });

  it('a published credential keeps its track level: re-ordering is refused, and publishing its pending draft keeps the level', async () => {
    const { issuer, admin, mc: a, version } = await createPublishedCredential({ def: { level: 1 } });
    const { mc: b } = await createPublishedCredential({ issuerId: issuer.id, admin, def: { level: 2 } });
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: { slug: 'feedback-track', title: 'Feedback', summary: 'Two levels.', topic: 'Assessment', levels: [a.slug, b.slug] } });
    await saveMicroCredentialDraft({ actor: admin, microCredentialId: a.id, def: { ...(await loadDefinition(version.id)).def, title: 'Revised' } });
    // A never-published credential's draft follows a re-ordering: track-levels.test.ts.
    await expect(updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: { slug: 'feedback-track', title: 'Feedback', summary: 'Two levels.', topic: 'Assessment', levels: [b.slug, a.slug] } })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await getCredentialForEdit({ actor: admin, microCredentialId: a.id })).def?.level).toBe(1);
    await publishMicroCredential({ actor: admin, microCredentialId: a.id });
    expect((await liveRow(a.id)).level).toBe(1);
    expect((await liveRow(b.id)).level).toBe(2);
  });
});

describe('retiring a part of a published stack', () => {
  it('is refused, naming the stack, until the stack is retired', async () => {
    const { issuer, admin, mc: a } = await createPublishedCredential();
    const { mc: b } = await createPublishedCredential({ issuerId: issuer.id, admin });
    const stack = await createIssuerStack({ actor: admin, issuerId: issuer.id, def: { slug: 'assessment-stack', title: 'Assessment stack', summary: 'Both.', microCredentials: [a.slug, b.slug] } });
    // A draft stack does not hold it back.
    await retireMicroCredential({ actor: admin, microCredentialId: b.id });
    await updateStack({ actor: admin, stackId: stack.id, seenUpdatedAt: await seenStack(stack.id), def: { slug: 'assessment-stack', title: 'Assessment stack', summary: 'Both.', microCredentials: [a.slug, (await createPublishedCredential({ issuerId: issuer.id, admin })).mc.slug] } });
    await publishStack({ actor: admin, stackId: stack.id });

    await expect(retireMicroCredential({ actor: admin, microCredentialId: a.id })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringMatching(/“Assessment stack”.*Retire the stack or remove this credential from it first/),
    });
    expect((await db.microCredential.findUniqueOrThrow({ where: { id: a.id } })).status).toBe('PUBLISHED');
    expect(await db.catalogEntry.count({ where: { kind: 'MICRO_CREDENTIAL', refId: a.id } })).toBe(1);

    // Nor can a published stack take on a part teachers cannot earn (nor any other: stack-parts-locked.test.ts).
    await expect(updateStack({ actor: admin, stackId: stack.id, seenUpdatedAt: await seenStack(stack.id), def: { slug: 'assessment-stack', title: 'Assessment stack', summary: 'Both.', microCredentials: [a.slug, b.slug] } })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { microCredentials: [STACK_PARTS_LOCKED] } });

    await retireStack({ actor: admin, stackId: stack.id });
    await retireMicroCredential({ actor: admin, microCredentialId: a.id });
    expect((await db.microCredential.findUniqueOrThrow({ where: { id: a.id } })).status).toBe('RETIRED');
  });

  it('a stack keeps its address once published (its badges link to it); a draft stack may change it', async () => {
    const { issuer, admin, mc: a } = await createPublishedCredential();
    const { mc: b } = await createPublishedCredential({ issuerId: issuer.id, admin });
    const def = (slug: string) => ({ slug, title: 'Feedback stack', summary: 'Both.', microCredentials: [a.slug, b.slug] });
    const stack = await createIssuerStack({ actor: admin, issuerId: issuer.id, def: def('feedback-stack') });
    await updateStack({ actor: admin, stackId: stack.id, seenUpdatedAt: await seenStack(stack.id), def: def('feedback-stack-2') });
    await publishStack({ actor: admin, stackId: stack.id });
    await expect(updateStack({ actor: admin, stackId: stack.id, seenUpdatedAt: await seenStack(stack.id), def: def('feedback-stack-3') })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { slug: [STACK_SLUG_LOCKED] } });
    await retireStack({ actor: admin, stackId: stack.id });
    await expect(updateStack({ actor: admin, stackId: stack.id, seenUpdatedAt: await seenStack(stack.id), def: def('feedback-stack-3') })).rejects.toMatchObject({ fieldErrors: { slug: [STACK_SLUG_LOCKED] } });
    expect((await db.stack.findUniqueOrThrow({ where: { id: stack.id } })).slug).toBe('feedback-stack-2');
  });
});

describe('badge image on a new credential', () => {
  it('is verified before the credential is created: a refused image leaves nothing behind and a retry works', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const other = await createOrg({ kind: 'ISSUER' });
    const admin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }, { role: 'ISSUER_ADMIN', organizationId: other.id }] });
    // Uploaded while the other issuer was chosen; then the admin switched issuer.
    const ticket = await requestBadgeUpload({ actor: admin, issuerId: other.id, size: SAMPLE_PNG.length });
    await putObject(ticket.key, SAMPLE_PNG, 'image/png');
    const foreign = await confirmBadgeUpload({ actor: admin, issuerId: other.id, key: ticket.key });
    const def = sampleDefinition({ slug: 'exit-tickets' });

    await expect(createMicroCredential({ actor: admin, issuerId: issuer.id, def, badgeImageKey: foreign.key })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await db.microCredential.count()).toBe(0);

    const own = await requestBadgeUpload({ actor: admin, issuerId: issuer.id, size: SAMPLE_PNG.length });
    await putObject(own.key, SAMPLE_PNG, 'image/png');
    const ownCopy = await confirmBadgeUpload({ actor: admin, issuerId: issuer.id, key: own.key });
    const created = await createMicroCredential({ actor: admin, issuerId: issuer.id, def, badgeImageKey: ownCopy.key });
    expect(created.slug).toBe('exit-tickets');
    expect((await getCredentialForEdit({ actor: admin, microCredentialId: created.id })).badgeImageKey).toBe(ownCopy.key);
  });

  it('a refused image on a draft save leaves the draft as it was', async () => {
    const { admin, mc, version } = await createPublishedCredential();
    const other = await createOrg({ kind: 'ISSUER' });
    const def = { ...(await loadDefinition(version.id)).def, title: 'Revised title' };
    await expect(saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def, badgeImageKey: `badges/${other.id}/${'0'.repeat(32)}.png` })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await db.microCredentialVersion.count({ where: { microCredentialId: mc.id } })).toBe(1);
  });
});

describe('two people editing one credential', () => {
  it('refuses a save over someone else’s newer save, keeping theirs', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const alice = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const bob = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const def = sampleDefinition();
    const mc = await createMicroCredential({ actor: alice, issuerId: issuer.id, def });
    // Both open the editor on the same draft.
    const opened = (await getCredentialForEdit({ actor: alice, microCredentialId: mc.id })).latest!;
    const expected = { versionId: opened.id, updatedAt: opened.updatedAt };

    const saved = await saveMicroCredentialDraft({ actor: alice, microCredentialId: mc.id, def: { ...def, title: 'Alice’s title' }, expected });
    await expect(saveMicroCredentialDraft({ actor: bob, microCredentialId: mc.id, def: { ...def, title: 'Bob’s title' }, expected })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Someone else changed or published this credential while you were editing. Reload to see their changes; copy your text first.',
    });
    expect((await loadDefinition(mc.versionId)).def.title).toBe('Alice’s title');

    // Alice keeps saving from what her own save returned.
    await saveMicroCredentialDraft({ actor: alice, microCredentialId: mc.id, def: { ...def, title: 'Alice again' }, expected: { versionId: saved.versionId, updatedAt: saved.updatedAt } });
    expect((await loadDefinition(mc.versionId)).def.title).toBe('Alice again');
  });

  it('refuses a save that lands after someone published the draft it was editing', async () => {
    const { admin, mc, version } = await createPublishedCredential();
    const def = { ...(await loadDefinition(version.id)).def, title: 'Second edition' };
    const draft = await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def });
    const expected = { versionId: draft.versionId, updatedAt: draft.updatedAt };
    const colleague = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: mc.issuerId }] });
    await publishMicroCredential({ actor: colleague, microCredentialId: mc.id });

    await expect(saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: { ...def, title: 'Late edit' }, expected })).rejects.toMatchObject({ code: 'CONFLICT' });
    const versions = await db.microCredentialVersion.findMany({ where: { microCredentialId: mc.id }, orderBy: { version: 'asc' }, select: { status: true, title: true } });
    expect(versions).toEqual([{ status: 'SUPERSEDED', title: expect.any(String) }, { status: 'PUBLISHED', title: 'Second edition' }]);
  });
});
