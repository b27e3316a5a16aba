// A teacher's two privacy controls over their public portfolio, against Postgres through the real
// actions and pages: hiding one badge (My badges) and showing their school (the account page).
// - A hidden badge leaves the portfolio's list and its totals (count and PD hours) on every page,
//   with keyset pages still full and in order; its own page and credential still verify for anyone
//   with the link. Only its holder can hide or show it; a revoked badge has nothing to change.
//   Hiding the newest badge of a renewed credential never brings the older one back.
// - The school is named only when the teacher chose so; My badges and the account page preview the
//   header in the very words the portfolio uses. New accounts start with it off; the migration
//   kept it on for portfolios that were already public.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form } from '../setup/actions';
import { nestedLiveRegions } from '../setup/live-regions';
import { textOf } from '../setup/html';
import { createActor, createEarnedAward, createEarnedSubmission, createOrg, createPublishedCredential } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { revokeAward } from '@/lib/awards/revoke';
import { AWARDS_PAGE_SIZE, getCredentialDocument, getPortfolioPreview, getPublicAward, getPublicPortfolio, listUserAwards, verifyStoredCredential } from '@/lib/awards/queries';

const { revalidated } = vi.hoisted(() => ({ revalidated: [] as string[] }));
vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('@/lib/auth/config', () => ({ signOut: async () => undefined }));
vi.mock('next/cache', () => ({ revalidatePath: (p: string) => void revalidated.push(p) }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { setBadgeOnPortfolioAction } = await import('@/app/badges/actions');
const { setSchoolOnPortfolioAction } = await import('@/app/account/actions');
const { default: BadgesPage } = await import('@/app/badges/page');
const { default: PortfolioPage } = await import('@/app/u/[handle]/page');
const { default: AccountPage } = await import('@/app/account/page');
const { default: CredentialPage } = await import('@/app/credentials/[id]/page');

const HANDLE = 'maya-okafor';
const SCHOOL = 'Lakeside Middle School';
const VERIFY_NOTE = 'People with the link can still verify it.';

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
  revalidated.length = 0;
});

/**
 * Maya (school Lakeside, public portfolio showing her school) holds a signed badge issued by the real
 * code ("Exit Tickets"), an old unrelated one (3 hours), a stack-less recent one (2 hours) and a
 * revoked one. Another teacher holds a badge of their own.
 */
async function world() {
  const school = await createOrg({ kind: 'SCHOOL', name: SCHOOL });
  const base = await createPublishedCredential({ def: { title: 'Exit Tickets' } });
  const holder = await createActor({ name: 'Maya Okafor', schoolId: school.id });
  await db.user.update({ where: { id: holder.id }, data: { handle: HANDLE, portfolioPublic: true, portfolioShowsSchool: true } });
  const signedId = (await issueAwardForSubmission(await createEarnedSubmission(holder, base.mc.id), { now: new Date('2026-05-01T09:00:00Z') })).awardId;
  let n = 0;
  const credential = async () => {
    const mc = await db.microCredential.create({ data: { issuerId: base.issuer.id, slug: `other-${n++}`, topic: 'Assessment' }, select: { id: true, issuerId: true } });
    return { ...mc, currentVersionId: base.mc.currentVersionId };
  };
  const old = await createEarnedAward(holder, await credential(), { title: 'Old unrelated badge', hours: 3, level: 1, issuedAt: '2019-03-01T09:00:00.000Z' });
  const recent = await createEarnedAward(holder, await credential(), { title: 'Recent badge', hours: 2, level: 1, issuedAt: '2026-06-01T09:00:00.000Z' });
  const revoked = await createEarnedAward(holder, await credential(), { title: 'Withdrawn badge', hours: 4, level: 1, issuedAt: '2025-06-01T09:00:00.000Z', revoked: true });
  const other = await createActor({ name: 'Kofi Mensah' });
  const othersBadge = await createEarnedAward(other, await credential(), { title: 'Kofi’s badge', hours: 1, level: 1, issuedAt: '2026-01-01T09:00:00.000Z' });
  const signedHours = Number((await db.award.findUniqueOrThrow({ where: { id: signedId }, select: { pdHours: true } })).pdHours);
  return { base, school, holder, other, signedId, signedHours, old, recent, revoked, othersBadge, credential };
}

const portfolio = async (cursor?: string) => (await getPublicPortfolio(HANDLE, cursor))!;
const hiddenFlag = async (id: string) => (await db.award.findUniqueOrThrow({ where: { id }, select: { hiddenFromPortfolio: true } })).hiddenFromPortfolio;
const setBadge = (as: Actor | null, awardId: string, show: 'yes' | 'no') => {
  session.actor = as;
  return setBadgeOnPortfolioAction({ ok: true }, form({ awardId, show }));
};
const portfolioHtml = async () => renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ handle: HANDLE }), searchParams: Promise.resolve({}) }));
const badgesHtml = async (as: Actor) => {
  session.actor = as;
  return renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) }));
};
const accountHtml = async (as: Actor) => {
  session.actor = as;
  return renderToStaticMarkup(await AccountPage());
};
/** The portfolio page's own header: its title and the line under it. */
const publicHeader = (html: string) => {
  const m = /<h1[^>]*>([^<]*)<\/h1><p[^>]*>([^<]*)<\/p>/.exec(html);
  return m ? [m[1], m[2]] : null;
};
/** The header as a preview quotes it (My badges, the account page). */
const previewedHeader = (html: string) => {
  const m = /<blockquote[^>]*><p[^>]*>([^<]*)<\/p><p[^>]*>([^<]*)<\/p><\/blockquote>/.exec(html);
  return m ? [m[1], m[2]] : null;
};
/** The markup of the My badges card whose title is `title`. */
const cardOf = (html: string, title: string) => {
  const cards = html.split('<li ').slice(1);
  return cards.find((c) => c.includes(`>${title}</a>`)) ?? null;
};

describe('hiding one badge from the public portfolio', () => {
  it('the holder hides a badge: it leaves the list and both totals, and comes back when shown again', async () => {
    const w = await world();
    const before = await portfolio();
    expect(before.awards.map((a) => a.title)).toEqual(['Recent badge', 'Exit Tickets', 'Old unrelated badge']);
    expect([before.credentials, before.pdHours]).toEqual([3, 5 + w.signedHours]);

    const hid = await setBadge(w.holder, w.old.id, 'no');
    expect(hid).toEqual({ ok: true, message: `“Old unrelated badge” is now hidden from your portfolio. ${VERIFY_NOTE}` });
    expect(await hiddenFlag(w.old.id)).toBe(true);
    expect(revalidated).toEqual(expect.arrayContaining(['/badges', `/u/${HANDLE}`]));
    const after = await portfolio();
    expect(after.awards.map((a) => a.title)).toEqual(['Recent badge', 'Exit Tickets']);
    expect([after.credentials, after.pdHours]).toEqual([2, 2 + w.signedHours]);
    // What a visitor reads.
    const page = textOf(await portfolioHtml());
    expect(page).not.toContain('Old unrelated badge');
    expect(page).toContain(`2 credentials, ${2 + w.signedHours} PD hours.`);

    // The same request again (a double click, a second tab) leaves it hidden.
    expect((await setBadge(w.holder, w.old.id, 'no')).ok).toBe(true);
    expect(await hiddenFlag(w.old.id)).toBe(true);

    expect(await setBadge(w.holder, w.old.id, 'yes')).toEqual({ ok: true, message: '“Old unrelated badge” is no longer hidden from your portfolio.' });
    const again = await portfolio();
    expect(again.awards.map((a) => a.title)).toEqual(['Recent badge', 'Exit Tickets', 'Old unrelated badge']);
    expect([again.credentials, again.pdHours]).toEqual([3, 5 + w.signedHours]);
  });

  it('only the holder can: another teacher, the issuer’s admin and a signed-out visitor are refused, and nothing changes', async () => {
    const w = await world();
    for (const who of [w.other, w.base.admin]) {
      expect(await setBadge(who, w.old.id, 'no')).toEqual({ ok: false, formError: 'That badge could not be found.' });
    }
    const signedOut = await setBadge(null, w.old.id, 'no');
    expect(signedOut.ok).toBe(false);
    expect(await hiddenFlag(w.old.id)).toBe(false);
    // The other teacher cannot show a badge the holder hid, either.
    await setBadge(w.holder, w.recent.id, 'no');
    expect(await setBadge(w.other, w.recent.id, 'yes')).toEqual({ ok: false, formError: 'That badge could not be found.' });
    expect(await hiddenFlag(w.recent.id)).toBe(true);
    // Nor can the holder touch the other teacher's badge.
    expect((await setBadge(w.holder, w.othersBadge.id, 'no')).ok).toBe(false);
    expect(await hiddenFlag(w.othersBadge.id)).toBe(false);
    expect((await portfolio()).awards.map((a) => a.title)).toEqual(['Exit Tickets', 'Old unrelated badge']);
  });

  it('a hidden badge still verifies for anyone holding its link: its page, its check and its credential', async () => {
    const w = await world();
    expect((await setBadge(w.holder, w.signedId, 'no')).ok).toBe(true);
    expect((await portfolio()).awards.map((a) => a.id)).not.toContain(w.signedId);

    session.actor = null;
    const award = (await getPublicAward(w.signedId))!;
    expect(award.title).toBe('Exit Tickets');
    expect((await verifyStoredCredential(award.credential)).verified).toBe(true);
    expect(JSON.parse((await getCredentialDocument(w.signedId))!).credentialSubject).toBeTruthy();
    const page = textOf(renderToStaticMarkup(await CredentialPage({ params: Promise.resolve({ id: w.signedId }) })));
    expect(page).toContain('Valid');
    expect(page).toContain('Exit Tickets');
    expect(page).toContain('Awarded to Maya Okafor');
  });

  it('a revoked badge is never on the portfolio, so there is nothing to hide or show', async () => {
    const w = await world();
    expect((await portfolio()).awards.map((a) => a.id)).not.toContain(w.revoked.id);
    const refused = await setBadge(w.holder, w.revoked.id, 'yes');
    expect(refused).toEqual({ ok: false, formError: 'This badge was revoked, so it is never on your portfolio and there is nothing to change.' });
    expect(await hiddenFlag(w.revoked.id)).toBe(false);
    // One revoked after it was hidden stays off too, and cannot be brought back.
    await setBadge(w.holder, w.recent.id, 'no');
    await revokeAward({ actor: w.base.admin, awardId: w.recent.id, reason: 'Issued in error.' });
    expect((await setBadge(w.holder, w.recent.id, 'yes')).ok).toBe(false);
    expect((await portfolio()).awards.map((a) => a.title)).toEqual(['Exit Tickets', 'Old unrelated badge']);
  });

  it('refuses a form that does not name a badge properly, without writing', async () => {
    const w = await world();
    session.actor = w.holder;
    const bad = [
      form({ awardId: 'not-a-uuid', show: 'no' }),
      form({ awardId: `${w.old.id}' OR '1'='1`, show: 'no' }),
      form({ show: 'no' }),
      form({ awardId: w.old.id, show: 'maybe' }),
      form({ awardId: w.old.id }),
      form({ awardId: '00000000-0000-4000-8000-000000000000', show: 'no' }),
    ];
    for (const f of bad) {
      const r = await setBadgeOnPortfolioAction({ ok: true }, f);
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.formError).toMatch(/^That badge could not be found\./);
    }
    expect(await db.award.count({ where: { hiddenFromPortfolio: true } })).toBe(0);
  });

  it('hiding the newest badge of a renewed credential does not bring the older one back; the older one’s hours count until it is hidden too', async () => {
    const w = await world();
    const mc = await w.credential();
    const first = await createEarnedAward(w.holder, mc, { title: 'Seminars', hours: 6, level: 1, issuedAt: '2024-01-01T09:00:00.000Z', cycle: 1 });
    const renewal = await createEarnedAward(w.holder, mc, { title: 'Seminars', hours: 7, level: 1, issuedAt: '2026-02-01T09:00:00.000Z', cycle: 2 });
    const all = await portfolio();
    expect(all.awards.map((a) => a.id)).toEqual(expect.arrayContaining([renewal.id]));
    expect(all.awards.map((a) => a.id)).not.toContain(first.id);
    expect([all.credentials, all.pdHours]).toEqual([4, 5 + w.signedHours + 13]);

    await setBadge(w.holder, renewal.id, 'no');
    const newestHidden = await portfolio();
    expect(newestHidden.awards.map((a) => a.id)).not.toContain(renewal.id);
    expect(newestHidden.awards.map((a) => a.id)).not.toContain(first.id);
    expect([newestHidden.credentials, newestHidden.pdHours]).toEqual([3, 5 + w.signedHours + 6]);

    await setBadge(w.holder, first.id, 'no');
    expect([(await portfolio()).credentials, (await portfolio()).pdHours]).toEqual([3, 5 + w.signedHours]);
    // My badges says so on each card.
    const html = textOf(await badgesHtml(w.holder));
    expect(html).toContain('Hidden from your portfolio, and left out of its totals.');
  });

  it('keeps keyset pages full and in order when hidden badges sit on and around the page boundary', async () => {
    const w = await world();
    const DAY = 86_400_000;
    const start = Date.parse('2024-12-31T09:00:00.000Z');
    const made: { id: string }[] = [];
    for (let i = 0; i < AWARDS_PAGE_SIZE + 6; i++) {
      // Four of them issued at the same moment, so the id decides their order at the boundary.
      const at = i >= AWARDS_PAGE_SIZE - 6 && i < AWARDS_PAGE_SIZE - 2 ? start - (AWARDS_PAGE_SIZE - 6) * DAY : start - i * DAY;
      made.push(await createEarnedAward(w.holder, await w.credential(), { title: `Paged ${i}`, hours: 1, level: 1, issuedAt: new Date(at).toISOString() }));
    }
    const hide = [0, 10, AWARDS_PAGE_SIZE - 5, AWARDS_PAGE_SIZE - 4, AWARDS_PAGE_SIZE - 1, AWARDS_PAGE_SIZE + 2].map((i) => made[i].id);
    for (const id of hide) expect((await setBadge(w.holder, id, 'no')).ok).toBe(true);

    // Expected: every standing, not hidden badge, newest first then by id, as the database orders uuids.
    const rows = await db.award.findMany({ where: { userId: w.holder.id, revokedAt: null, hiddenFromPortfolio: false }, select: { id: true, issuedAt: true } });
    const expected = rows.sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).map((a) => a.id);
    expect(expected).toHaveLength(AWARDS_PAGE_SIZE + 6 + 3 - hide.length);

    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const p = await portfolio(cursor);
      pages.push(p.awards.map((a) => a.id));
      expect([p.credentials, p.pdHours]).toEqual([expected.length, AWARDS_PAGE_SIZE + 6 - hide.length + 5 + w.signedHours]);
      cursor = p.nextCursor ?? undefined;
    } while (cursor && pages.length < 5);
    expect(pages.map((p) => p.length)).toEqual([AWARDS_PAGE_SIZE, expected.length - AWARDS_PAGE_SIZE]);
    expect(pages.flat()).toEqual(expected);
    // My badges still lists every badge, the hidden ones too.
    expect((await listUserAwards({ userId: w.holder.id })).total).toBe(AWARDS_PAGE_SIZE + 6 + 4);
  });
});

describe('My badges', () => {
  it('gives each badge a button naming it, says where it stands, and that its link still verifies; a revoked one has none', async () => {
    const w = await world();
    await setBadge(w.holder, w.old.id, 'no');
    const html = await badgesHtml(w.holder);

    const shown = cardOf(html, 'Recent badge')!;
    expect(shown).toMatch(/<button type="submit" aria-describedby="portfolio-status-[^"]+ portfolio-note-[^"]+"[^>]*>Hide from my portfolio<span class="sr-only">: “Recent badge”<\/span><\/button>/);
    expect(textOf(shown)).toContain('On your portfolio.');
    // The note the button is described by is there, with the words.
    const noteId = /aria-describedby="(portfolio-status-[^" ]+) (portfolio-note-[^"]+)"/.exec(shown)!;
    expect(shown).toContain(`id="${noteId[1]}"`);
    expect(shown).toContain(`id="${noteId[2]}" class="mt-1 text-xs text-slate-700">${VERIFY_NOTE}</p>`);
    expect(shown).toContain(`name="awardId" value="${w.recent.id}"`);
    expect(shown).toContain('name="show" value="no"');

    const hidden = cardOf(html, 'Old unrelated badge')!;
    expect(hidden).toMatch(/>Show on my portfolio<span class="sr-only">: “Old unrelated badge”<\/span><\/button>/);
    expect(hidden).toContain('name="show" value="yes"');
    expect(textOf(hidden)).toContain('Hidden from your portfolio, and left out of its totals.');
    expect(textOf(hidden)).toContain(VERIFY_NOTE);

    const revoked = cardOf(html, 'Withdrawn badge')!;
    expect(revoked).not.toContain('<button');
    expect(textOf(revoked)).toContain('Not on your portfolio: a revoked badge never is.');

    expect(textOf(html)).toContain('1 badge you hid is left out of it, and out of its totals.');
    // Each card's outcome is said once: no live region inside another.
    expect(nestedLiveRegions(html)).toEqual([]);
  });

  it('previews the portfolio’s header in the very words visitors read, and so does the account page', async () => {
    const w = await world();
    await setBadge(w.holder, w.old.id, 'no');
    const pub = publicHeader(await portfolioHtml())!;
    expect(pub).toEqual(['Maya Okafor’s badges', `${SCHOOL} · 2 credentials, ${2 + w.signedHours} PD hours. Every badge links to its verification page.`]);
    const badges = await badgesHtml(w.holder);
    expect(previewedHeader(badges)).toEqual(pub);
    // The existing link to the portfolio, in the page's header, is kept.
    expect(badges).toContain(`Your public portfolio is on at <a href="/u/${HANDLE}">/u/${HANDLE}</a>.`);
    expect(badges).toContain('<a href="/account#portfolio">Choose whether it shows your school</a>');
    const account = await accountHtml(w.holder);
    expect(previewedHeader(account)).toEqual(pub);
    expect(account).toContain('id="portfolio"');
    expect(account).toContain(`Anyone can see your portfolio at <a href="/u/${HANDLE}">/u/${HANDLE}</a>. Its top reads:`);
  });

  it('a private portfolio is previewed as it will read once public', async () => {
    const w = await world();
    await db.user.update({ where: { id: w.holder.id }, data: { portfolioPublic: false } });
    const html = textOf(await badgesHtml(w.holder));
    expect(html).toContain('Your portfolio is private, so nobody else sees it. Once you make it public, its top will read:');
    expect(html).toContain('Will be on your portfolio once you make it public.');
  });
});

describe('My badges: an older badge of a credential whose newest badge is hidden', () => {
  const LISTED_INSTEAD = 'Your newer badge of this credential is listed on your portfolio instead. This one’s PD hours still count in its total unless you hide it.';
  const NEWEST_HIDDEN = 'Not on your portfolio: you hid your newest badge of this credential, and an older one never takes its place. This one’s PD hours still count in its total unless you hide it.';
  const NEWEST_HIDDEN_PRIVATE = 'Will not be on your portfolio once you make it public: you hid your newest badge of this credential, and an older one never takes its place. This one’s PD hours will count in its total unless you hide it.';
  const cardText = (html: string, title: string) => textOf(cardOf(html, title) ?? '');

  it('says it is not on the portfolio (which lists neither), that its hours still count, and says it as “would” while the portfolio is private', async () => {
    const w = await world();
    const mc = await w.credential();
    const first = await createEarnedAward(w.holder, mc, { title: 'Seminars (2019)', hours: 6, level: 1, issuedAt: '2019-01-01T09:00:00.000Z', cycle: 1 });
    const middle = await createEarnedAward(w.holder, mc, { title: 'Seminars (2022)', hours: 4, level: 1, issuedAt: '2022-01-01T09:00:00.000Z', cycle: 2 });
    const newest = await createEarnedAward(w.holder, mc, { title: 'Seminars (2024)', hours: 7, level: 1, issuedAt: '2024-01-01T09:00:00.000Z', cycle: 3 });
    let html = await badgesHtml(w.holder);
    expect(cardText(html, 'Seminars (2019)')).toContain(LISTED_INSTEAD);
    expect(cardText(html, 'Seminars (2022)')).toContain(LISTED_INSTEAD);
    expect(cardText(html, 'Seminars (2024)')).toContain('On your portfolio.');

    expect((await setBadge(w.holder, newest.id, 'no')).ok).toBe(true);
    // The portfolio lists none of the three, and counts the two older ones' hours.
    const shown = await portfolio();
    for (const id of [first.id, middle.id, newest.id]) expect(shown.awards.map((a) => a.id)).not.toContain(id);
    expect([shown.credentials, shown.pdHours]).toEqual([3, 5 + w.signedHours + 6 + 4]);
    expect(textOf(await portfolioHtml())).not.toContain('Seminars');

    html = await badgesHtml(w.holder);
    for (const title of ['Seminars (2019)', 'Seminars (2022)']) {
      expect(cardText(html, title)).toContain(NEWEST_HIDDEN);
      expect(cardText(html, title)).not.toContain('listed on your portfolio');
      expect(cardOf(html, title)).toMatch(/>Hide from my portfolio<span class="sr-only">/);
    }
    expect(cardText(html, 'Seminars (2024)')).toContain('Hidden from your portfolio, and left out of its totals.');

    // Hiding the middle one instead (the newest shown again): the newest is listed in both older ones' place.
    await setBadge(w.holder, newest.id, 'yes');
    await setBadge(w.holder, middle.id, 'no');
    html = await badgesHtml(w.holder);
    expect(cardText(html, 'Seminars (2019)')).toContain(LISTED_INSTEAD);
    expect((await portfolio()).awards.map((a) => a.id)).toContain(newest.id);

    // A private portfolio: said as it would be once public.
    await setBadge(w.holder, middle.id, 'yes');
    await setBadge(w.holder, newest.id, 'no');
    await db.user.update({ where: { id: w.holder.id }, data: { portfolioPublic: false } });
    html = await badgesHtml(w.holder);
    expect(cardText(html, 'Seminars (2019)')).toContain(NEWEST_HIDDEN_PRIVATE);
    expect(cardText(html, 'Seminars (2019)')).not.toMatch(/listed|Not on your portfolio:/);
    await setBadge(w.holder, newest.id, 'yes');
    expect(cardText(await badgesHtml(w.holder), 'Seminars (2019)')).toContain('Once you make your portfolio public, your newer badge of this credential will be listed on it instead. This one’s PD hours will count in its total unless you hide it.');
  });

  it('says so on a later page of My badges, when the hidden newest badge is on an earlier one', async () => {
    const w = await world();
    const mc = await w.credential();
    await createEarnedAward(w.holder, mc, { title: 'Seminars (2019)', hours: 6, level: 1, issuedAt: '2019-01-01T09:00:00.000Z', cycle: 1 });
    const newest = await createEarnedAward(w.holder, mc, { title: 'Seminars (2024)', hours: 7, level: 1, issuedAt: '2024-01-01T09:00:00.000Z', cycle: 2 });
    // Enough badges in between for the 2019 one to be on the second page.
    for (let i = 0; i < AWARDS_PAGE_SIZE; i++) {
      await createEarnedAward(w.holder, await w.credential(), { title: `Between ${i}`, hours: 1, level: 1, issuedAt: new Date(Date.parse('2023-06-01T09:00:00.000Z') - i * 86_400_000).toISOString() });
    }
    await setBadge(w.holder, newest.id, 'no');
    const first = await listUserAwards({ userId: w.holder.id });
    expect(first.items.map((a) => a.title)).toContain('Seminars (2024)');
    expect(first.items.map((a) => a.title)).not.toContain('Seminars (2019)');
    session.actor = w.holder;
    const html = renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({ cursor: first.nextCursor! }) }));
    expect(cardText(html, 'Seminars (2019)')).toContain(NEWEST_HIDDEN);
    // Shown again, the later page says the newer one is listed instead.
    await setBadge(w.holder, newest.id, 'yes');
    session.actor = w.holder;
    const again = renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({ cursor: first.nextCursor! }) }));
    expect(cardText(again, 'Seminars (2019)')).toContain(LISTED_INSTEAD);
  });
});

describe('showing the school on the portfolio', () => {
  it('the teacher turns it off and on; the portfolio and both previews follow', async () => {
    const w = await world();
    session.actor = w.holder;
    expect(await setSchoolOnPortfolioAction({ ok: true }, form({}))).toEqual({ ok: true, message: 'Saved. Your portfolio does not show your school.' });
    expect(revalidated).toEqual(expect.arrayContaining(['/account', '/badges', `/u/${HANDLE}`]));
    expect((await portfolio()).school).toBeNull();
    const off = publicHeader(await portfolioHtml())!;
    expect(off[1]).toBe(`3 credentials, ${5 + w.signedHours} PD hours. Every badge links to its verification page.`);
    expect(await portfolioHtml()).not.toContain(SCHOOL);
    expect(previewedHeader(await badgesHtml(w.holder))).toEqual(off);
    const account = await accountHtml(w.holder);
    expect(previewedHeader(account)).toEqual(off);
    const box = /<input id="showSchool"[^>]*>/.exec(account)?.[0] ?? '';
    expect(box).toMatch(/type="checkbox"/);
    expect(box).toMatch(/aria-describedby="showSchool-hint"/);
    expect(box).toMatch(/name="showSchool"/);
    expect(box).not.toMatch(/checked/);
    expect(account).toMatch(/<label for="showSchool"[^>]*>Show my school on my portfolio<\/label>/);
    expect(textOf(account)).toContain(`It does not name your school (${SCHOOL}).`);

    session.actor = w.holder;
    expect(await setSchoolOnPortfolioAction({ ok: true }, form({ showSchool: 'on' }))).toEqual({ ok: true, message: `Saved. Your portfolio shows your school, ${SCHOOL}.` });
    expect((await portfolio()).school).toBe(SCHOOL);
    expect(publicHeader(await portfolioHtml())![1]).toBe(`${SCHOOL} · 3 credentials, ${5 + w.signedHours} PD hours. Every badge links to its verification page.`);
    expect(await accountHtml(w.holder)).toMatch(/<input id="showSchool"[^>]*checked=""/);
  });

  it('changes only the signed-in teacher’s own setting, refuses a bad value and a signed-out visitor', async () => {
    const w = await world();
    await db.user.update({ where: { id: w.other.id }, data: { portfolioShowsSchool: true } });
    session.actor = w.holder;
    expect((await setSchoolOnPortfolioAction({ ok: true }, form({ showSchool: 'yes please' }))).ok).toBe(false);
    expect((await setSchoolOnPortfolioAction({ ok: true }, form({}))).ok).toBe(true);
    const shows = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id }, select: { portfolioShowsSchool: true } })).portfolioShowsSchool;
    expect([await shows(w.holder.id), await shows(w.other.id)]).toEqual([false, true]);
    session.actor = null;
    expect((await setSchoolOnPortfolioAction({ ok: true }, form({ showSchool: 'on' }))).ok).toBe(false);
    expect(await shows(w.holder.id)).toBe(false);
  });

  it('is off for a new account: its portfolio names no school until the teacher chooses to', async () => {
    const school = await createOrg({ kind: 'SCHOOL', name: 'Hillcrest Elementary' });
    const teacher = await createActor({ name: 'Ana Ruiz', schoolId: school.id });
    await db.user.update({ where: { id: teacher.id }, data: { handle: 'ana-ruiz', portfolioPublic: true } });
    expect((await getPublicPortfolio('ana-ruiz'))!.school).toBeNull();
    expect(await getPortfolioPreview(teacher.id)).toMatchObject({ showsSchool: false, schoolName: 'Hillcrest Elementary', isPublic: true, header: { school: null } });
  });

  it('the migration kept it on for portfolios that were public, and off for the rest; no badge starts hidden', async () => {
    const school = await createOrg({ kind: 'SCHOOL', name: 'Hillcrest Elementary' });
    const published = await createActor({ schoolId: school.id });
    const privateOne = await createActor({ schoolId: school.id });
    await db.user.update({ where: { id: published.id }, data: { handle: 'was-public', portfolioPublic: true } });
    await db.user.update({ where: { id: privateOne.id }, data: { portfolioShowsSchool: true } });
    const base = await createPublishedCredential();
    await createEarnedAward(published, { id: base.mc.id, issuerId: base.issuer.id, currentVersionId: base.mc.currentVersionId }, { level: 1, issuedAt: '2026-01-01T09:00:00.000Z' });
    await db.award.updateMany({ data: { hiddenFromPortfolio: true } });

    const dir = fs.readdirSync(path.join(process.cwd(), 'prisma/migrations')).find((d) => d.endsWith('_portfolio_privacy'))!;
    const sql = fs.readFileSync(path.join(process.cwd(), 'prisma/migrations', dir, 'migration.sql'), 'utf8');
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      // The database as it was before the migration (the columns gone), then the migration, undone after.
      await client.query('BEGIN');
      await client.query('ALTER TABLE "Award" DROP COLUMN "hiddenFromPortfolio"; ALTER TABLE "User" DROP COLUMN "portfolioShowsSchool"');
      await client.query(sql);
      const { rows } = await client.query<{ id: string; shows: boolean }>('SELECT id, "portfolioShowsSchool" AS shows FROM "User" WHERE id = ANY($1)', [[published.id, privateOne.id]]);
      expect(Object.fromEntries(rows.map((r) => [r.id, r.shows]))).toEqual({ [published.id]: true, [privateOne.id]: false });
      const { rows: awards } = await client.query<{ hidden: boolean }>('SELECT "hiddenFromPortfolio" AS hidden FROM "Award"');
      expect(awards.map((a) => a.hidden)).toEqual([false]);
      // And an account made after it starts with the school hidden.
      const { rows: [made] } = await client.query<{ shows: boolean }>(`INSERT INTO "User" (id, email, name, "updatedAt") VALUES ('after-migration', 'after@example.test', 'After', now()) RETURNING "portfolioShowsSchool" AS shows`);
      expect(made.shows).toBe(false);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });
});
