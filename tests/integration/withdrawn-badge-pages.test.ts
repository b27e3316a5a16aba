// What the pages say once a badge is withdrawn, or a part of a stack is renewed: the stack page, a
// badge's public page, the application page and the micro-credential's page. Rendered from the real
// pages against Postgres, with badges issued, suspended and revoked by the real domain code; only
// who is signed in is set per test.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { hrefOf, textJoined } from '../setup/html';
import { createActor, createPublishedCredential } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { revokeAward, suspendAward } from '@/lib/awards/revoke';
import { createStack } from '@/lib/authoring/mutations';
import { startApplication } from '@/lib/submissions/mutations';
import { startRenewal } from '@/lib/submissions/renewal';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
// The application page's upload control asks for the router, which only a browser has.
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: StackPage } = await import('@/app/stacks/[slug]/page');
const { default: CredentialPage } = await import('@/app/credentials/[id]/page');
const { default: ApplyPage } = await import('@/app/apply/[slug]/page');
const { default: MicroCredentialPage } = await import('@/app/micro-credentials/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const DAY = 86_400_000;
const ISSUED = new Date('2025-01-15T10:00:00Z');
const IN_WINDOW = new Date(new Date('2027-01-15T10:00:00Z').getTime() - 30 * DAY);

async function earn(teacher: Actor, microCredentialId: string) {
  const sub = await startApplication({ actor: teacher, microCredentialId });
  await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED', publicSummary: 'Students revised lab reports from feedback.' } });
  return (await issueAwardForSubmission(sub.id, { now: ISSUED })).awardId;
}

/** A teacher holding both parts of a published stack, and the stack badge. */
async function stackHolder() {
  const first = await createPublishedCredential({ def: { title: 'Exit Tickets', expiryMonths: 24 } });
  const second = await createPublishedCredential({ issuerId: first.issuer.id, admin: first.admin, def: { title: 'Socratic Seminars', expiryMonths: 24 } });
  await createStack({ actor: first.admin, issuerId: first.issuer.id, publish: true, def: { slug: 'feedback-stack', title: 'Feedback Stack', summary: 'Both.', microCredentials: [first.mc.slug, second.mc.slug] } });
  const teacher = await createActor({ name: 'Maya Teacher' });
  const a1 = await earn(teacher, first.mc.id);
  const a2 = await earn(teacher, second.mc.id);
  const stackAward = await db.award.findFirstOrThrow({ where: { userId: teacher.id, stackId: { not: null } }, select: { id: true } });
  return { ...first, second: second.mc, teacher, a1, a2, stackAwardId: stackAward.id };
}

const stackPage = async () => renderToStaticMarkup(await StackPage({ params: Promise.resolve({ slug: 'feedback-stack' }) }));
const credentialPage = async (id: string) => renderToStaticMarkup(await CredentialPage({ params: Promise.resolve({ id }) }));

describe('the stack page counts the badges held', () => {
  it('a part being renewed stays earned, and the stack badge stays linked', async () => {
    const h = await stackHolder();
    session.actor = h.teacher;
    await startRenewal({ actor: h.teacher, microCredentialId: h.mc.id, now: IN_WINDOW });
    const html = await stackPage();
    expect(html).toContain('2 of 2 earned');
    expect(html).toContain('You hold this stack.');
    expect(hrefOf(html, 'View your stack credential')).toBe(`/credentials/${h.stackAwardId}`);
    expect(html).not.toContain('· in progress');
  });

  it('a part on hold reads so, and the stack badge is on hold in plain words, with the reason', async () => {
    const h = await stackHolder();
    session.actor = h.teacher;
    await suspendAward({ actor: h.admin, awardId: h.a1, reason: 'A complaint is being looked into.' });
    const html = await stackPage();
    expect(html).toContain('1 of 2 earned');
    expect(html).toContain('10 PD hours · badge on hold');
    expect(hrefOf(html, 'See why it is on hold')).toBe(`/credentials/${h.a1}`);
    expect(html).not.toContain('You hold this stack');
    expect(textJoined(html)).toContain('Your stack credential is on hold');
    expect(textJoined(html)).toContain('“Exit Tickets”, one of the badges it is built from, is suspended.');
    expect(hrefOf(html, 'View your stack credential')).toBe(`/credentials/${h.stackAwardId}`);
  });

  it('a revoked part reads as revoked, not earned', async () => {
    const h = await stackHolder();
    session.actor = h.teacher;
    await revokeAward({ actor: h.admin, awardId: h.a2, reason: 'Evidence was not the teacher’s own.' });
    const html = await stackPage();
    expect(html).toContain('1 of 2 earned');
    expect(html).toContain('10 PD hours · badge revoked');
    expect(hrefOf(html, 'See why it was revoked')).toBe(`/credentials/${h.a2}`);
  });
});

describe('a badge’s public page', () => {
  it('a stack badge lists the badges it was issued on, linked, by the names it was signed with', async () => {
    const h = await stackHolder();
    const html = await credentialPage(h.stackAwardId);
    expect(textJoined(html)).toContain('Built from these badges');
    expect(hrefOf(html, 'Exit Tickets')).toBe(`/credentials/${h.a1}`);
    expect(hrefOf(html, 'Socratic Seminars')).toBe(`/credentials/${h.a2}`);
    // A micro-credential badge has no such list.
    expect(await credentialPage(h.a1)).not.toContain('Built from these badges');
  });

  it('links the holder’s public portfolio only when it is public', async () => {
    const h = await stackHolder();
    expect(await credentialPage(h.a1)).not.toContain('See all of');
    await db.user.update({ where: { id: h.teacher.id }, data: { handle: 'maya-t', portfolioPublic: true } });
    const html = await credentialPage(h.a1);
    expect(hrefOf(html, 'See all of Maya Teacher')).toBe('/u/maya-t');
    expect(textJoined(html)).toContain("See all of Maya Teacher's badges");
    await db.user.update({ where: { id: h.teacher.id }, data: { portfolioPublic: false } });
    expect(await credentialPage(h.a1)).not.toContain('See all of');
  });

  it('offers the holder a résumé line for a valid badge (a visitor none), and no certificate or résumé line once it is revoked', async () => {
    const h = await stackHolder();
    expect(await credentialPage(h.a1)).not.toContain('Copy for résumé');
    session.actor = h.teacher;
    const html = await credentialPage(h.a1);
    expect(html).toContain(`value="Exit Tickets — ${h.issuer.name}, January 2025 — http://127.0.0.1:3100/credentials/${h.a1}"`);
    expect(html).toContain('Copy for résumé');
    expect(hrefOf(html, 'Certificate (PDF)')).toBe(`/credentials/${h.a1}/certificate.pdf`);

    await revokeAward({ actor: h.admin, awardId: h.a1, reason: 'Evidence was not the teacher’s own.' });
    const revoked = await credentialPage(h.a1);
    expect(revoked).not.toContain('Certificate (PDF)');
    expect(revoked).not.toContain('Copy for résumé');
    expect(revoked).toContain('Credential (JSON)');
  });

  it('offers the holder "Share a post on LinkedIn" in a new tab for a standing badge; a visitor, a suspended and a revoked badge none', async () => {
    const h = await stackHolder();
    expect(await credentialPage(h.a1)).not.toContain('linkedin.com');
    session.actor = h.teacher;
    const link = /<a([^>]*data-testid="linkedin-share-link"[^>]*)>(.*?)<\/a>/.exec(await credentialPage(h.a1))!;
    expect(link[1]).toContain(`href="https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(`http://127.0.0.1:3100/credentials/${h.a1}`)}"`);
    expect(link[1]).toContain('target="_blank"');
    expect(link[2]).toBe('Share a post on LinkedIn<span class="sr-only"> (opens in a new tab)</span>');

    await suspendAward({ actor: h.admin, awardId: h.a1, reason: 'A complaint is being looked into.' });
    expect(await credentialPage(h.a1)).not.toContain('linkedin.com');
    await revokeAward({ actor: h.admin, awardId: h.a2, reason: 'Issued in error.' });
    expect(await credentialPage(h.a2)).not.toContain('linkedin.com');
  });
});

describe('the holder’s own pages once the badge is withdrawn', () => {
  it('revoked: the application and micro-credential pages say when and why, and whom to contact, not "You earned"', async () => {
    const h = await stackHolder();
    await db.organization.update({ where: { id: h.issuer.id }, data: { email: 'badges@issuer.test' } });
    session.actor = h.teacher;
    const before = textJoined(renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug: h.mc.slug }), searchParams: Promise.resolve({}) })));
    expect(before).toContain('You earned this micro-credential');

    await revokeAward({ actor: h.admin, awardId: h.a1, reason: 'Evidence was not the teacher’s own' });
    const revokedOn = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date());
    const apply = renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug: h.mc.slug }), searchParams: Promise.resolve({}) }));
    expect(textJoined(apply)).not.toContain('You earned this micro-credential');
    expect(textJoined(apply)).not.toContain('View and share your badge');
    expect(textJoined(apply)).toContain(`The issuer revoked this badge on ${revokedOn}: Evidence was not the teacher’s own. Contact ${h.issuer.name} if you think this is a mistake.`);
    expect(hrefOf(apply, `Contact ${h.issuer.name}`)).toBe('mailto:badges@issuer.test');
    expect(textJoined(apply)).toContain('Badge revoked');

    const page = renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug: h.mc.slug }), searchParams: Promise.resolve({}) }));
    expect(textJoined(page)).not.toContain('You earned this micro-credential');
    expect(textJoined(page)).toContain(`The issuer revoked this badge on ${revokedOn}: Evidence was not the teacher’s own.`);
    expect(hrefOf(page, 'See the badge as others see it')).toBe(`/credentials/${h.a1}`);
  });

  it('suspended: the badge is on hold while the issuer looks into something', async () => {
    const h = await stackHolder();
    session.actor = h.teacher;
    expect(textJoined(renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug: h.mc.slug }), searchParams: Promise.resolve({}) })))).toContain('You earned this micro-credential');
    await suspendAward({ actor: h.admin, awardId: h.a1, reason: 'A complaint is being looked into.' });
    for (const html of [
      renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug: h.mc.slug }), searchParams: Promise.resolve({}) })),
      renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug: h.mc.slug }), searchParams: Promise.resolve({}) })),
    ]) {
      expect(textJoined(html)).not.toContain('You earned this micro-credential');
      expect(textJoined(html)).toContain(`This badge is on hold while ${h.issuer.name} looks into something: A complaint is being looked into.`);
    }
  });
});
