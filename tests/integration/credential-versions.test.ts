// A badge's requirements as they were when it was earned: the read-only page of one published or
// superseded version (/micro-credentials/{slug}/versions/{n}, getMicroCredentialVersionPage), the
// achievement id new badges sign (which resolves to it), and what the badge's public page says
// about the version, the level, the alignments and the email signature. Against Postgres, with
// credentials published, edited and earned through the real domain code.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { hrefOf, textJoined } from '../setup/html';
import { createActor, createPublishedCredential, sampleDefinition } from '../factories';
import { createMicroCredential, publishMicroCredential, retireMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { getMicroCredentialVersionPage } from '@/lib/catalog/queries';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { getPublicAward, verifyStoredCredential } from '@/lib/awards/queries';
import { startApplication } from '@/lib/submissions/mutations';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: VersionPage } = await import('@/app/micro-credentials/[slug]/versions/[n]/page');
const { default: CredentialPage } = await import('@/app/credentials/[id]/page');
const { default: MicroCredentialPage } = await import('@/app/micro-credentials/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const NOT_FOUND = { digest: 'NEXT_HTTP_ERROR_FALLBACK;404' };
const versionPage = async (slug: string, n: string) => renderToStaticMarkup(await VersionPage({ params: Promise.resolve({ slug, n }) }));

const ALIGNMENT = { targetName: 'Domain 3: Feedback', targetUrl: 'https://standards.example.test/domain-3', targetFramework: 'Teacher Leader Model Standards', targetCode: 'TLMS-3' };

/** Version 1 published with its own rubric wording; version 2 published over it with new wording. */
async function credentialWithTwoVersions() {
  const v1Def = sampleDefinition({ title: 'Exit Tickets', alignments: [ALIGNMENT] });
  const { admin, mc, issuer } = await createPublishedCredential({ def: v1Def });
  const v2Def = sampleDefinition({
    slug: mc.slug,
    title: 'Exit Tickets, revised',
    pdHours: 12,
    parts: [{ title: 'New context', prompt: 'Describe your class now.', responseType: 'TEXT', wordLimit: 200 }],
    rubric: { levels: ['Beginning', 'Secure'], criteria: [{ title: 'Context, revised', partIndex: 0, descriptors: ['Thin', 'Full'] }], passingRule: { kind: 'ALL_AT_LEAST', levelRank: 1 } },
  });
  return { admin, mc, issuer, v2Def, publishV2: async () => {
    await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: v2Def });
    await publishMicroCredential({ actor: admin, microCredentialId: mc.id });
  } };
}

async function earn(teacher: Actor, microCredentialId: string) {
  const sub = await startApplication({ actor: teacher, microCredentialId });
  await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED', publicSummary: 'Students used exit tickets daily.' } });
  return (await issueAwardForSubmission(sub.id)).awardId;
}

describe('one published version of a micro-credential, read-only', () => {
  it('shows published and superseded versions, says which is current, and finds no draft or unknown version', async () => {
    const c = await credentialWithTwoVersions();
    expect(await getMicroCredentialVersionPage(c.mc.slug, '1')).toMatchObject({ slug: c.mc.slug, current: true, currentVersion: 1, level: 2, version: { version: 1, status: 'PUBLISHED', title: 'Exit Tickets' } });

    await c.publishV2();
    const v1 = await getMicroCredentialVersionPage(c.mc.slug, '1');
    expect(v1).toMatchObject({ current: false, currentVersion: 2, issuer: { name: c.issuer.name, slug: c.issuer.slug }, version: { version: 1, status: 'SUPERSEDED', title: 'Exit Tickets' } });
    // The version's own content, not the current one's.
    expect(v1!.version.criteria.map((x) => x.title)).toEqual(['Context', 'Evidence of feedback', 'Reflection']);
    expect(v1!.version.parts.map((p) => p.title)).toEqual(['Context', 'Student work', 'Reflection']);
    expect(Number(v1!.version.pdHours)).toBe(10);
    expect(await getMicroCredentialVersionPage(c.mc.slug, '2')).toMatchObject({ current: true, version: { version: 2, status: 'PUBLISHED', title: 'Exit Tickets, revised' } });

    // A draft version 3 is nobody's business yet; nor is a version that does not exist, or a malformed number.
    await saveMicroCredentialDraft({ actor: c.admin, microCredentialId: c.mc.id, def: { ...c.v2Def, title: 'Exit Tickets, draft' } });
    expect(await db.microCredentialVersion.findFirst({ where: { microCredentialId: c.mc.id, version: 3 }, select: { status: true } })).toEqual({ status: 'DRAFT' });
    for (const n of ['3', '9', '0', '01', '1.0', 'abc', '-1', '1e1']) expect(await getMicroCredentialVersionPage(c.mc.slug, n)).toBeNull();
    expect(await getMicroCredentialVersionPage('no-such-credential', '1')).toBeNull();
  });

  it('a credential never published has no version pages; a retired one keeps them', async () => {
    const { admin, issuer, mc } = await createPublishedCredential();
    const draft = await createMicroCredential({ actor: admin, issuerId: issuer.id, def: sampleDefinition() });
    expect(await getMicroCredentialVersionPage(draft.slug, '1')).toBeNull();
    await retireMicroCredential({ actor: admin, microCredentialId: mc.id });
    expect(await getMicroCredentialVersionPage(mc.slug, '1')).toMatchObject({ status: 'RETIRED', current: true });
  });

  it('the page shows an earlier version’s requirements and rubric with a notice linking to the current one; a draft is a 404', async () => {
    const c = await credentialWithTwoVersions();
    await c.publishV2();
    const html = await versionPage(c.mc.slug, '1');
    const text = textJoined(html);
    expect(text).toContain('Exit Tickets');
    expect(text).not.toContain('Exit Tickets, revised');
    expect(text).toContain('This is version 1, not the current version');
    expect(text).toContain('The issuer has since published version 2.');
    expect(hrefOf(html, 'See the current version')).toBe(`/micro-credentials/${c.mc.slug}`);
    expect(text).toContain('Level 2: demonstrated in the teacher’s own classroom');
    expect(text).toContain('PD hours: 10');
    expect(hrefOf(html, c.issuer.name)).toBe(`/issuers/${c.issuer.slug}`);
    // Parts, criteria and each level's descriptor, as version 1 had them.
    for (const words of ['Part 2: Student work', 'Evidence of feedback', 'Specific and used', 'Demonstrated', 'Insightful']) expect(text).toContain(words);
    expect(text).not.toContain('Context, revised');
    expect(hrefOf(html, 'Domain 3: Feedback')).toBe(ALIGNMENT.targetUrl);
    // Read-only: no forms.
    expect(html).not.toContain('<form');

    const current = textJoined(await versionPage(c.mc.slug, '2'));
    expect(current).toContain('Version 2 is the current version');
    expect(current).toContain('Context, revised');

    await saveMicroCredentialDraft({ actor: c.admin, microCredentialId: c.mc.id, def: { ...c.v2Def, title: 'Exit Tickets, draft' } });
    await expect(versionPage(c.mc.slug, '3')).rejects.toMatchObject(NOT_FOUND);
    await expect(versionPage(c.mc.slug, 'x')).rejects.toMatchObject(NOT_FOUND);
  });
});

describe('a badge points at the version it was earned on', () => {
  it('new badges sign the version page as their achievement id, it resolves, and the credential verifies', async () => {
    const c = await credentialWithTwoVersions();
    const teacher = await createActor();
    const awardId = await earn(teacher, c.mc.id);
    const award = await getPublicAward(awardId);
    const achievement = (award!.credential as { credentialSubject: { achievement: { id: string; version: string; criteria: { id: string } } } }).credentialSubject.achievement;
    // The criteria it names are that version's rubric.
    expect(achievement.criteria.id).toBe(`http://127.0.0.1:3100/micro-credentials/${c.mc.slug}/versions/1#rubric`);
    const id = new URL(achievement.id);
    expect(id.toString()).toBe(`http://127.0.0.1:3100/micro-credentials/${c.mc.slug}/versions/1`);
    expect(id.hash).toBe('');
    expect(achievement.version).toBe('1');
    expect((await verifyStoredCredential(award!.credential)).verified).toBe(true);
    // The address reaches the version's page, also once the credential has moved on.
    await c.publishV2();
    const [, , slug, , n] = id.pathname.split('/');
    expect(await getMicroCredentialVersionPage(slug, n)).toMatchObject({ current: false, version: { version: 1, title: 'Exit Tickets' } });
  });

  it('the badge page links the requirements of the version earned, says the level in words, lists the signed alignments, and offers the holder the signature', async () => {
    const c = await credentialWithTwoVersions();
    const teacher = await createActor({ name: 'Maya Teacher' });
    const awardId = await earn(teacher, c.mc.id);
    await c.publishV2();
    // Anonymous, as a recruiter opening it from a résumé.
    const html = renderToStaticMarkup(await CredentialPage({ params: Promise.resolve({ id: awardId }) }));
    const text = textJoined(html);
    expect(hrefOf(html, 'See the full requirements and rubric')).toBe(`/micro-credentials/${c.mc.slug}/versions/1`);
    expect(text).toContain('See the full requirements and rubric (version 1, as earned)');
    expect(html).toMatch(/<dt class="sr-only">Level<\/dt><dd[^>]*>Level 2: shown in the holder’s own classroom<\/dd>/);
    expect(text).toContain('Aligned to');
    expect(hrefOf(html, 'Domain 3: Feedback')).toBe(ALIGNMENT.targetUrl);
    expect(text).toContain('(TLMS-3) · Teacher Leader Model Standards');
    // A visitor has no résumé or email signature to put the badge in: those are the holder's tools.
    expect(text).toContain('Download a copy');
    expect(text).not.toContain('Line for your résumé or CV');
    expect(text).not.toContain('Badge for your email signature');
    expect(text).toContain('anyone can check them at the verification page');
    // The holder gets them: the email signature sits with the résumé line.
    session.actor = teacher;
    const own = renderToStaticMarkup(await CredentialPage({ params: Promise.resolve({ id: awardId }) }));
    const ownText = textJoined(own);
    expect(ownText).toContain('Share and download');
    expect(ownText).toContain('Line for your résumé or CV');
    expect(own).toMatch(/<button[^>]*class="js-only[^"]*"[^>]*>Copy for email signature<\/button>/);
    expect(ownText).toContain('How to add it to Gmail or Outlook');
    expect(ownText).toContain(`http://127.0.0.1:3100/credentials/${awardId}/badge.png`);
    expect(own).toContain(`<img src="/credentials/${awardId}/badge.png" width="64" height="64" alt="Exit Tickets badge"/>`);
  });
});

describe('the micro-credential page lists its versions', () => {
  it('carries the version-N anchor older badges point at, and links each version to its own page', async () => {
    const c = await credentialWithTwoVersions();
    const page = async () => renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug: c.mc.slug }), searchParams: Promise.resolve({}) }));
    expect(await page()).toMatch(/<p id="version-1"[^>]*>Version 1, published /);
    await c.publishV2();
    const html = await page();
    expect(html).toMatch(/<li id="version-2"><a href="[^"]*\/versions\/2">Version 2<\/a> \(current\)/);
    expect(html).toMatch(/<li id="version-1"><a href="\/micro-credentials\/[^"]+\/versions\/1">Version 1<\/a>/);
  });
});
