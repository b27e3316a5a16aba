// A badge carries the level of the version it was earned on, as that version's page shows it, not
// whatever level the credential has moved to since: Award.level (salary steps, reports, the teacher's
// record, the badge page) and the level tag signed into the credential. Against Postgres, with
// credentials published, moved and earned through the real domain code.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textJoined } from '../setup/html';
import { createActor, createPublishedCredential, sampleDefinition, trackDefinition } from '../factories';
import { publishMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { createIssuerTrack } from '@/lib/authoring/tracks';
import { getMicroCredentialVersionPage } from '@/lib/catalog/queries';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { verifyStoredCredential } from '@/lib/awards/queries';
import { startApplication } from '@/lib/submissions/mutations';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: CredentialPage } = await import('@/app/credentials/[id]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

type Signed = { credentialSubject: { achievement: { tag?: string[]; version: string } } };

/** The application's attempt passes: the badge is issued for the version it is bound to. */
async function pass(submissionId: string) {
  await db.submission.update({ where: { id: submissionId }, data: { status: 'EARNED', publicSummary: 'Students used exit tickets daily.' } });
  const { awardId } = await issueAwardForSubmission(submissionId);
  return db.award.findUniqueOrThrow({ where: { id: awardId }, select: { id: true, level: true, credential: true } });
}

const levelTags = (credential: unknown) => ((credential as Signed).credentialSubject.achievement.tag ?? []).filter((t) => /^Level /.test(t));

describe('a badge earned on an earlier version', () => {
  it('carries that version’s level, stored and signed, after a later version changed the level', async () => {
    // "Exit tickets" v1 at level 2, in no track.
    const { admin, mc } = await createPublishedCredential({ def: { title: 'Exit tickets', level: 2 } });
    const teacher: Actor = await createActor({ name: 'Maya Teacher' });
    const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
    expect(await db.submission.findUniqueOrThrow({ where: { id: sub.id }, select: { version: { select: { version: true } } } })).toEqual({ version: { version: 1 } });

    // v2 is published at level 1 while the teacher's application stays bound to v1.
    await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: sampleDefinition({ slug: mc.slug, title: 'Exit tickets', level: 1 }) });
    await publishMicroCredential({ actor: admin, microCredentialId: mc.id });
    expect(await db.microCredential.findUniqueOrThrow({ where: { id: mc.id }, select: { level: true } })).toEqual({ level: 1 });
    expect(await getMicroCredentialVersionPage(mc.slug, '1')).toMatchObject({ level: 2, current: false });

    const award = await pass(sub.id);
    expect(award.level).toBe(2);
    expect(levelTags(award.credential)).toEqual(['Level 2']);
    expect((award.credential as Signed).credentialSubject.achievement.version).toBe('1');
    expect((await verifyStoredCredential(award.credential)).verified).toBe(true);
    // The badge's page says the level it was earned at, as the version page it links to does.
    const text = textJoined(renderToStaticMarkup(await CredentialPage({ params: Promise.resolve({ id: award.id }) })));
    expect(text).toContain('Level 2: shown in the holder’s own classroom');
    expect(text).not.toContain('Level 1:');

    // One earned on v2 carries v2's level.
    const other = await createActor();
    const sub2 = await startApplication({ actor: other, microCredentialId: mc.id });
    const award2 = await pass(sub2.id);
    expect(award2.level).toBe(1);
    expect(levelTags(award2.credential)).toEqual(['Level 1']);
  });
});

describe('a published credential given a level by a track', () => {
  it('has its published version take the level too, so the version page and the badges earned on it agree', async () => {
    const { admin, mc, issuer } = await createPublishedCredential({ def: { title: 'Exit tickets', level: 2 } });
    const teacher = await createActor();
    const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });

    // Added to a track as its level 1: allowed, as it was in no track.
    await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('assessment', 'Assessment', [mc.slug]) });
    expect(await db.microCredential.findUniqueOrThrow({ where: { id: mc.id }, select: { level: true } })).toEqual({ level: 1 });
    expect(await db.microCredentialVersion.findUniqueOrThrow({ where: { id: mc.currentVersionId! }, select: { level: true } })).toEqual({ level: 1 });
    expect(await getMicroCredentialVersionPage(mc.slug, '1')).toMatchObject({ level: 1, current: true });

    const award = await pass(sub.id);
    expect(award.level).toBe(1);
    expect(levelTags(award.credential)).toEqual(['Level 1']);
  });
});

describe('a published credential already earned at its level', () => {
  it('joins a track only at that level: badges earned on the version keep agreeing with its page', async () => {
    const { admin, mc, issuer } = await createPublishedCredential({ def: { title: 'Exit tickets', level: 2 } });
    const teacher = await createActor();
    const award = await pass((await startApplication({ actor: teacher, microCredentialId: mc.id })).id);
    expect(award.level).toBe(2);

    await expect(createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('assessment', 'Assessment', [mc.slug]) })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: '“Exit tickets” is published as level 2, and teachers have earned it at that level, so it can join this track only as level 2. To make it level 1, publish a new version of it at that level first: badges already earned stay level 2.',
    });
    expect(await db.microCredential.findUniqueOrThrow({ where: { id: mc.id }, select: { level: true, trackId: true } })).toEqual({ level: 2, trackId: null });
    expect(await getMicroCredentialVersionPage(mc.slug, '1')).toMatchObject({ level: 2 });
  });
});
