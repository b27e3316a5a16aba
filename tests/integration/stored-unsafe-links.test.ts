// Links stored before web addresses were limited to http(s) (ADR 020): a version published then may
// hold a javascript: resource or standard link. Written straight into the database here, as such a
// version would be. Its pages show the titles without the links, and no way of carrying it forward
// (a new version, publishing a draft, "Publish again", export) takes the link along unnoticed.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createPublishedCredential, sampleDefinition } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { startApplication } from '@/lib/submissions/mutations';
import { notPublishableAgain, NOT_READY_TO_PUBLISH, publishMicroCredential, republishMicroCredential, retireMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { getCredentialForEdit, loadDefinition } from '@/lib/authoring/queries';
import { exportCredential } from '@/lib/authoring/import-export';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));

const { default: MicroCredentialPage } = await import('@/app/micro-credentials/[slug]/page');
const { default: VersionPage } = await import('@/app/micro-credentials/[slug]/versions/[n]/page');
const { default: PreviewPage } = await import('@/app/admin/credentials/[id]/preview/page');
const { default: EditPage } = await import('@/app/admin/credentials/[id]/edit/page');
const { EvidencePanel } = await import('@/components/review/evidence-panel');
const { default: IssuerPage } = await import('@/app/issuers/[slug]/page');

const RESOURCE = { kind: 'LINK' as const, title: 'Wait time, explained', url: 'https://example.org/wait-time', body: '', minutes: 15 };
const ALIGNMENT = { targetName: 'Domain 3: Feedback', targetUrl: 'https://standards.example.org/d3', targetFramework: 'TLMS' };
const UNSAFE = { resource: 'javascript:alert(document.cookie)', alignment: ' JAVASCRIPT:alert(1)' };
const GAPS = { 'resources.0.url': ['Enter a full web address starting with https://'], 'alignments.0.targetUrl': ['Enter a full web address starting with https://'] };

/** A published credential whose version's links were stored before the rule (straight into the rows). */
async function publishedWithUnsafeLinks() {
  const c = await createPublishedCredential({ def: { title: 'Wait Time', resources: [RESOURCE], alignments: [ALIGNMENT] } });
  await poisonLinks(c.version.id);
  return c;
}
async function poisonLinks(versionId: string) {
  expect((await db.resource.updateMany({ where: { versionId }, data: { url: UNSAFE.resource } })).count).toBe(1);
  expect((await db.alignment.updateMany({ where: { versionId }, data: { targetUrl: UNSAFE.alignment } })).count).toBe(1);
}
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
const noScriptLinks = (html: string) => {
  expect(hrefs(html).filter((h) => !/^(https?:\/\/|\/|#)/i.test(h))).toEqual([]);
  expect(html.toLowerCase()).not.toContain('javascript:');
};

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

describe('a published version whose stored links are not web addresses', () => {
  it('shows the resource and the standard by name, with no link, on its public pages and in the authors’ preview', async () => {
    const { admin, mc } = await publishedWithUnsafeLinks();

    const page = renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug: mc.slug }), searchParams: Promise.resolve({}) }));
    noScriptLinks(page);
    expect(page).toContain('<span class="font-medium">Wait time, explained</span>');
    expect(page).toContain('<li>Domain 3: Feedback (TLMS)</li>');

    const versionPage = renderToStaticMarkup(await VersionPage({ params: Promise.resolve({ slug: mc.slug, n: '1' }) }));
    noScriptLinks(versionPage);
    expect(versionPage).toContain('Domain 3: Feedback (TLMS)');

    session.actor = admin;
    const preview = renderToStaticMarkup(await PreviewPage({ params: Promise.resolve({ id: mc.id }) }));
    noScriptLinks(preview);
    expect(preview).toContain('<span class="font-medium">Wait time, explained</span>');
  });

  it('a good link in the same place is still a link (the check is not simply “no links”)', async () => {
    const { mc } = await createPublishedCredential({ def: { resources: [RESOURCE], alignments: [ALIGNMENT] } });
    const page = renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug: mc.slug }), searchParams: Promise.resolve({}) }));
    expect(hrefs(page)).toEqual(expect.arrayContaining(['https://example.org/wait-time', 'https://standards.example.org/d3']));
  });

  it('cannot be carried into a new version: saving it as the next draft is refused at the two links, and nothing is written', async () => {
    const { admin, mc } = await publishedWithUnsafeLinks();
    // What the editor loads and sends back unchanged.
    const { def } = await loadDefinition(mc.currentVersionId!);
    expect(def.resources[0].url).toBe(UNSAFE.resource);
    await expect(saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def, allowIncomplete: true })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: GAPS });
    expect(await db.microCredentialVersion.count({ where: { microCredentialId: mc.id } })).toBe(1);
    // Fixed, it saves and publishes as version 2.
    const fixed = { ...def, resources: [{ ...def.resources[0], url: 'https://example.org/wait-time-2' }], alignments: [{ ...def.alignments[0], targetUrl: ALIGNMENT.targetUrl }] };
    await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: fixed, allowIncomplete: true });
    expect(await publishMicroCredential({ actor: admin, microCredentialId: mc.id })).toMatchObject({ version: 2 });
  });

  it('“Publish again” on it once retired is refused with the two links listed at their fields; the credential stays retired', async () => {
    const { admin, mc } = await publishedWithUnsafeLinks();
    await retireMicroCredential({ actor: admin, microCredentialId: mc.id });
    await expect(republishMicroCredential({ actor: admin, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'INVALID_STATE', message: notPublishableAgain(1), fieldErrors: GAPS });
    expect(await db.microCredential.findUniqueOrThrow({ where: { id: mc.id }, select: { status: true } })).toEqual({ status: 'RETIRED' });
  });

  it('is not exported: export says which version and why', async () => {
    const { admin, mc } = await publishedWithUnsafeLinks();
    await expect(exportCredential({ actor: admin, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/^Version 1 has something publishing no longer accepts/), fieldErrors: GAPS });
  });
});

describe('opening such a published version in the editor', () => {
  it('lists the two links to fix at once, linked to their fields, and says why, before anything is saved', async () => {
    const { admin, mc } = await publishedWithUnsafeLinks();
    expect((await getCredentialForEdit({ actor: admin, microCredentialId: mc.id })).publishGaps).toEqual(GAPS);
    session.actor = admin;
    const page = renderToStaticMarkup(await EditPage({ params: Promise.resolve({ id: mc.id }), searchParams: Promise.resolve({}) }));
    expect(page).toContain('This version was published before some of today’s rules. Before you can save changes or publish it again, fix:');
    expect(page).toMatch(/<a href="#resources\.0\.url"[^>]*>/);
    expect(page).toMatch(/<a href="#alignments\.0\.targetUrl"[^>]*>/);
    expect(page).not.toContain('This draft is not ready to publish yet');
    expect(page).toContain('The definition JSON can be exported once what is listed below is fixed and published');
    expect(page).toContain('An OB 3.0 Achievement can be exported once a version that meets the publishing rules is published');
    expect(page).not.toContain('/export');
  });

  it('a sound published version opens with no such notice', async () => {
    const { admin, mc } = await createPublishedCredential({ def: { resources: [RESOURCE], alignments: [ALIGNMENT] } });
    expect((await getCredentialForEdit({ actor: admin, microCredentialId: mc.id })).publishGaps).toEqual({});
    session.actor = admin;
    const page = renderToStaticMarkup(await EditPage({ params: Promise.resolve({ id: mc.id }), searchParams: Promise.resolve({}) }));
    expect(page).not.toContain('published before some of today’s rules');
    expect(page).toContain('Export definition JSON');
  });
});

describe('a draft saved with such links', () => {
  it('is refused at publishing, through the same list of gaps the editor shows, and stays a draft', async () => {
    const { admin, mc } = await createPublishedCredential();
    await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: sampleDefinition({ slug: mc.slug, resources: [RESOURCE], alignments: [ALIGNMENT] }) });
    const draft = await db.microCredentialVersion.findFirstOrThrow({ where: { microCredentialId: mc.id, status: 'DRAFT' }, select: { id: true } });
    await poisonLinks(draft.id);

    expect((await getCredentialForEdit({ actor: admin, microCredentialId: mc.id })).publishGaps).toEqual(GAPS);
    await expect(publishMicroCredential({ actor: admin, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'INVALID_STATE', message: NOT_READY_TO_PUBLISH, fieldErrors: GAPS });
    expect(await db.microCredentialVersion.findUniqueOrThrow({ where: { id: draft.id }, select: { status: true } })).toEqual({ status: 'DRAFT' });
    expect((await db.microCredential.findUniqueOrThrow({ where: { id: mc.id }, select: { currentVersionId: true } })).currentVersionId).toBe(mc.currentVersionId);
  });
});

describe('a badge earned on such a version', () => {
  it('signs only the standards with a web address: the javascript: one is left out, a good one stays', async () => {
    const c = await createPublishedCredential({ def: { title: 'Wait Time', resources: [RESOURCE], alignments: [ALIGNMENT, { targetName: 'Domain 4', targetUrl: 'https://standards.example.org/d4', targetFramework: 'TLMS' }] } });
    await db.alignment.updateMany({ where: { versionId: c.version.id, targetName: ALIGNMENT.targetName }, data: { targetUrl: UNSAFE.alignment } });
    const teacher = await createActor();
    const sub = await startApplication({ actor: teacher, microCredentialId: c.mc.id });
    await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED' } });
    const { awardId } = await issueAwardForSubmission(sub.id);
    const { credential } = await db.award.findUniqueOrThrow({ where: { id: awardId }, select: { credential: true } });
    const alignment = (credential as { credentialSubject: { achievement: { alignment?: { targetName: string; targetUrl: string }[] } } }).credentialSubject.achievement.alignment;
    expect(alignment?.map((a) => [a.targetName, a.targetUrl])).toEqual([['Domain 4', 'https://standards.example.org/d4']]);
    expect(JSON.stringify(credential).toLowerCase()).not.toContain('javascript:');
  });
});

describe('a teacher’s links as a reviewer sees them', () => {
  it('are links only when they are web addresses; anything else stored is shown as text', async () => {
    const html = renderToStaticMarkup(
      createElement(EvidencePanel, {
        parts: [{ id: 'p1', title: 'Lesson', prompt: 'Share links', responseType: 'LINKS' }],
        responses: [{ partId: 'p1', text: '', links: ['https://example.org/lesson', 'javascript:alert(1)'], wordCount: 0, carriedOver: false }],
        files: [],
      }),
    );
    expect(html).toContain('href="https://example.org/lesson"');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('<li>javascript:alert(1)</li>');
  });
});

describe('an issuer’s website as its public page shows it', () => {
  it('is a link only when it is a web address', async () => {
    const { mc } = await createPublishedCredential();
    const issuer = await db.organization.update({ where: { id: mc.issuerId }, data: { url: 'javascript:alert(1)' }, select: { slug: true } });
    const html = renderToStaticMarkup(await IssuerPage({ params: Promise.resolve({ slug: issuer.slug }) }));
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('javascript:alert(1)');
    await db.organization.update({ where: { id: mc.issuerId }, data: { url: 'https://issuer.example.org' } });
    expect(renderToStaticMarkup(await IssuerPage({ params: Promise.resolve({ slug: issuer.slug }) }))).toContain('href="https://issuer.example.org/"');
  });
});
