// A badge its holder hid from their portfolio (ADR 025) is not put forward for publishing on its
// own page: the holder is told plainly that it is hidden, with the button to show it again, and
// keeps the link to send privately (Copy link) and the downloads; the LinkedIn links, the résumé
// line and the email signature come back once it is shown. The page stays public, and what anyone
// else sees (the anonymous copy the page cache keeps) does not depend on the flag at all. Rendered
// from the real page against Postgres, with a badge issued and signed by the real code.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form } from '../setup/actions';
import { nestedLiveRegions } from '../setup/live-regions';
import { textOf } from '../setup/html';
import { createActor, createEarnedSubmission, createPublishedCredential } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { startRenewal } from '@/lib/submissions/renewal';
import { withoutClientRuntime } from '@/lib/http/static-html';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('@/lib/auth/config', () => ({ signOut: async () => undefined }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: CredentialPage } = await import('@/app/credentials/[id]/page');
const { setBadgeOnPortfolioAction } = await import('@/app/badges/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const HIDDEN_NOTE = 'You hid this badge from your portfolio, so this page does not offer to add it to LinkedIn, a résumé or an email signature.';

/** Maya holds a signed "Exit Tickets" badge, on a public portfolio; Kofi is another signed-in teacher. */
async function world() {
  const { mc } = await createPublishedCredential({ def: { title: 'Exit Tickets', expiryMonths: 24 } });
  const holder = await createActor({ name: 'Maya Okafor' });
  await db.user.update({ where: { id: holder.id }, data: { handle: 'maya-okafor', portfolioPublic: true } });
  const awardId = (await issueAwardForSubmission(await createEarnedSubmission(holder, mc.id), { now: new Date('2026-05-01T09:00:00Z') })).awardId;
  const other = await createActor({ name: 'Kofi Mensah' });
  return { mc, holder, other, awardId };
}

const pageAs = async (as: Actor | null, id: string) => {
  session.actor = as;
  return renderToStaticMarkup(await CredentialPage({ params: Promise.resolve({ id }) }));
};
const setHidden = (id: string, hidden: boolean) => db.award.update({ where: { id }, data: { hiddenFromPortfolio: hidden } });
/** The share section: from its heading to the end of the section. */
const shareSection = (html: string) => /<section aria-labelledby="share"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
/** What the holder may publish the badge with: LinkedIn (both links), the résumé line, the email signature. */
const publishing = (html: string) => ({
  linkedIn: html.includes('linkedin.com'),
  resume: html.includes('Line for your résumé or CV'),
  signature: html.includes('Badge for your email signature'),
});
/** The portfolio form's button: its visible words, and the state it sends. */
const portfolioButton = (html: string) => ({
  words: /<button type="submit"[^>]*>(Show on my portfolio|Hide from my portfolio)<span/.exec(html)?.[1] ?? null,
  sends: /<input type="hidden" name="show" value="(yes|no)"/.exec(html)?.[1] ?? null,
});

describe('the holder’s view of their badge’s page', () => {
  it('a badge on the portfolio offers LinkedIn, the résumé line and the email signature, and a button to hide it', async () => {
    const w = await world();
    const html = await pageAs(w.holder, w.awardId);
    expect(publishing(html)).toEqual({ linkedIn: true, resume: true, signature: true });
    expect(html).toContain('data-testid="linkedin-link"');
    expect(html).toContain('data-testid="linkedin-share-link"');
    expect(html).not.toContain(HIDDEN_NOTE);
    const share = textOf(shareSection(html));
    expect(share).toContain('Your portfolio On your portfolio.');
    expect(portfolioButton(html)).toEqual({ words: 'Hide from my portfolio', sends: 'no' });
  });

  it('a hidden badge says so plainly, offers showing it again, and keeps its link and downloads, without the publishing tools', async () => {
    const w = await world();
    await setHidden(w.awardId, true);
    const html = await pageAs(w.holder, w.awardId);
    expect(publishing(html)).toEqual({ linkedIn: false, resume: false, signature: false });
    const share = textOf(shareSection(html));
    expect(share).toContain(HIDDEN_NOTE);
    expect(share).toContain('To send it to someone yourself, copy its link: anyone with the link can still open and verify it.');
    // The status in My badges' words, the button to show it again, and the note read with it.
    expect(share).toContain('Hidden from your portfolio, and left out of its totals.');
    expect(portfolioButton(html)).toEqual({ words: 'Show on my portfolio', sends: 'yes' });
    expect(html).toMatch(new RegExp(`<button type="submit" aria-describedby="portfolio-status-${w.awardId} portfolio-note-${w.awardId}"`));
    expect(html).toContain('People with the link can still verify it.');
    // Still theirs to send privately, and to keep a copy of.
    expect(share).toContain('Copy link');
    for (const file of ['badge.png?download=1', 'badge.svg?download=1', 'credential.json', 'certificate.pdf']) expect(html).toContain(`href="/credentials/${w.awardId}/${file}"`);
    // Headings in order, one live region each.
    expect(html).toMatch(/<h2 id="share"[^>]*>Share and download<\/h2>[\s\S]*<h3[^>]*>Your portfolio<\/h3>/);
    expect(nestedLiveRegions(html)).toEqual([]);
  });

  it('showing it again from the page brings the publishing tools back, and hiding it from there takes them away', async () => {
    const w = await world();
    await setHidden(w.awardId, true);
    session.actor = w.holder;
    expect(await setBadgeOnPortfolioAction({ ok: true }, form({ awardId: w.awardId, show: 'yes' }))).toEqual({ ok: true, message: '“Exit Tickets” is no longer hidden from your portfolio.' });
    let html = await pageAs(w.holder, w.awardId);
    expect(publishing(html)).toEqual({ linkedIn: true, resume: true, signature: true });
    expect(html).not.toContain(HIDDEN_NOTE);

    expect((await setBadgeOnPortfolioAction({ ok: true }, form({ awardId: w.awardId, show: 'no' }))).ok).toBe(true);
    html = await pageAs(w.holder, w.awardId);
    expect(publishing(html)).toEqual({ linkedIn: false, resume: false, signature: false });
    expect(html).toContain(HIDDEN_NOTE);
  });

  it('a renewed badge whose newest badge is hidden says it is off the portfolio, as My badges does', async () => {
    const w = await world();
    // A second badge of the same credential, issued later: the first is renewed by it.
    const renewal = await startRenewal({ actor: w.holder, microCredentialId: w.mc.id, now: new Date('2028-04-15T09:00:00Z') });
    await db.submission.update({ where: { id: renewal.submissionId }, data: { status: 'EARNED' } });
    const laterId = (await issueAwardForSubmission(renewal.submissionId, { now: new Date('2028-04-20T09:00:00Z') })).awardId;
    await setHidden(laterId, true);
    const html = textOf(shareSection(await pageAs(w.holder, w.awardId)));
    expect(html).toContain('you hid your newest badge of this credential, and an older one never takes its place.');
  });
});

describe('everyone else’s view', () => {
  it('is the same whether or not the holder hid the badge, with no publishing tools and no portfolio control', async () => {
    const w = await world();
    const anonymousVisible = await pageAs(null, w.awardId);
    const otherVisible = await pageAs(w.other, w.awardId);
    await setHidden(w.awardId, true);
    const anonymousHidden = await pageAs(null, w.awardId);
    const otherHidden = await pageAs(w.other, w.awardId);

    // The anonymous render is what the page cache keeps (as plain HTML, ADR 007): unchanged.
    expect(anonymousHidden).toBe(anonymousVisible);
    expect(withoutClientRuntime(anonymousHidden)).toBe(withoutClientRuntime(anonymousVisible));
    expect(otherHidden).toBe(otherVisible);
    for (const html of [anonymousHidden, otherHidden]) {
      expect(publishing(html)).toEqual({ linkedIn: false, resume: false, signature: false });
      expect(portfolioButton(html).words).toBeNull();
      expect(html).not.toContain(HIDDEN_NOTE);
      expect(textOf(html)).toContain('Download a copy');
      expect(textOf(html)).toContain('Awarded to Maya Okafor');
    }
  });
});
