// The portfolio's "Headline" (account page, portfolio settings), against Postgres through the real
// action and pages: one trimmed line of at most 120 characters, shown under the teacher's name at
// the top of their public portfolio as soon as it is saved (the page renders per request and is not
// in the anonymous page cache; its path is read afresh like the other portfolio settings), and in
// the owner's previews of that top (account page, My badges); empty clears it; too long is refused
// with nothing changed; only the teacher's own row changes.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form } from '../setup/actions';
import { decodeEntities } from '../setup/html';
import { createActor } from '../factories';
import { getPortfolioPreview, getPublicPortfolio } from '@/lib/awards/queries';
import { isCacheableKey } from '@/lib/http/page-cache';

const { revalidated } = vi.hoisted(() => ({ revalidated: [] as string[] }));
vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('@/lib/auth/config', () => ({ signOut: async () => undefined }));
vi.mock('next/cache', () => ({ revalidatePath: (p: string) => void revalidated.push(p) }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { setPortfolioHeadlineAction } = await import('@/app/account/actions');
const { default: PortfolioPage } = await import('@/app/u/[handle]/page');
const { default: AccountPage } = await import('@/app/account/page');
const { default: BadgesPage } = await import('@/app/badges/page');

const HANDLE = 'maya-okafor';

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
  revalidated.length = 0;
});

async function teachers() {
  const maya = await createActor({ name: 'Maya Okafor' });
  await db.user.update({ where: { id: maya.id }, data: { handle: HANDLE, portfolioPublic: true } });
  const kofi = await createActor({ name: 'Kofi Mensah' });
  await db.user.update({ where: { id: kofi.id }, data: { handle: 'kofi-mensah', portfolioPublic: true, portfolioHeadline: 'Science lead' } });
  return { maya, kofi };
}
const save = (as: Actor | null, portfolioHeadline: string) => {
  session.actor = as;
  return setPortfolioHeadlineAction({ ok: true }, form({ portfolioHeadline }));
};
const headlineOf = async (u: Actor) => (await db.user.findUniqueOrThrow({ where: { id: u.id }, select: { portfolioHeadline: true } })).portfolioHeadline;
const portfolioHtml = async (handle = HANDLE) => {
  session.actor = null;
  return renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ handle }), searchParams: Promise.resolve({}) }));
};
/** The owner's preview of the portfolio's top (account page, My badges): its lines, in order. */
const previewOf = (html: string) => {
  const m = /<blockquote[^>]*>((?:<p[^>]*>[^<]*<\/p>)*)<\/blockquote>/.exec(html);
  return m ? [...m[1].matchAll(/<p[^>]*>([^<]*)<\/p>/g)].map((p) => decodeEntities(p[1])) : null;
};
const accountHtml = async (as: Actor) => {
  session.actor = as;
  return renderToStaticMarkup(await AccountPage());
};
const badgesHtml = async (as: Actor) => {
  session.actor = as;
  return renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) }));
};
/** The portfolio's header: the name, then every line under it, in order. */
const headerOf = (html: string) => {
  const m = /<h1[^>]*>([^<]*)<\/h1>((?:<p[^>]*>[^<]*<\/p>)*)/.exec(html);
  return m ? [m[1], ...[...m[2].matchAll(/<p[^>]*>([^<]*)<\/p>/g)].map((p) => p[1])].map(decodeEntities) : null;
};

describe('the portfolio headline', () => {
  it('is saved trimmed on one line and shown at once under the teacher’s name, and only theirs changes', async () => {
    const { maya, kofi } = await teachers();
    expect(headerOf(await portfolioHtml())).toEqual(['Maya Okafor’s badges', '0 credentials, 0 PD hours. Every badge links to its verification page.']);

    const result = await save(maya, '  Grade 5 teacher,\n   assessment lead ');
    expect(result).toEqual({ ok: true, message: 'Saved. Your portfolio shows “Grade 5 teacher, assessment lead” under your name.' });
    expect(await headlineOf(maya)).toBe('Grade 5 teacher, assessment lead');
    expect(revalidated).toEqual(expect.arrayContaining(['/account', `/u/${HANDLE}`]));
    expect(headerOf(await portfolioHtml())).toEqual([
      'Maya Okafor’s badges',
      'Grade 5 teacher, assessment lead',
      '0 credentials, 0 PD hours. Every badge links to its verification page.',
    ]);
    expect(await headlineOf(kofi)).toBe('Science lead');

    // The account page's field shows it as saved.
    const account = await accountHtml(maya);
    expect(/<input[^>]*name="portfolioHeadline"[^>]*>/.exec(account)?.[0]).toContain('value="Grade 5 teacher, assessment lead"');
    expect(account).toContain('>Headline (optional)</label>');
  });

  it('is in the owner’s previews of the portfolio’s top, where visitors read it, and leaves them once cleared', async () => {
    const { maya } = await teachers();
    const without = ['Maya Okafor’s badges', '0 credentials, 0 PD hours. Every badge links to its verification page.'];
    expect(previewOf(await accountHtml(maya))).toEqual(without);
    expect(previewOf(await badgesHtml(maya))).toEqual(without);

    await save(maya, 'Grade 5 teacher');
    const withHeadline = ['Maya Okafor’s badges', 'Grade 5 teacher', '0 credentials, 0 PD hours. Every badge links to its verification page.'];
    expect(previewOf(await accountHtml(maya))).toEqual(withHeadline);
    expect(previewOf(await badgesHtml(maya))).toEqual(withHeadline);
    // The same lines as the portfolio itself.
    expect(headerOf(await portfolioHtml())).toEqual(withHeadline);
    expect((await getPortfolioPreview(maya.id))?.header.headline).toBe('Grade 5 teacher');

    // While private, the preview says how the top will read once public, headline and all.
    await db.user.update({ where: { id: maya.id }, data: { portfolioPublic: false } });
    const privately = await accountHtml(maya);
    expect(decodeEntities(privately)).toContain('Your portfolio is private, so nobody else sees it. Once you make it public, its top will read:');
    expect(previewOf(privately)).toEqual(withHeadline);

    await db.user.update({ where: { id: maya.id }, data: { portfolioPublic: true } });
    await save(maya, '');
    expect(previewOf(await accountHtml(maya))).toEqual(without);
    expect(previewOf(await badgesHtml(maya))).toEqual(without);
  });

  it('is refused past 120 characters, with the message on the field and nothing changed', async () => {
    const { maya } = await teachers();
    await save(maya, 'Grade 5 teacher');
    const result = await save(maya, 'x'.repeat(121));
    expect(result).toEqual({ ok: false, formError: 'Some fields need attention.', fieldErrors: { portfolioHeadline: ['Use at most 120 characters.'] } });
    expect(await headlineOf(maya)).toBe('Grade 5 teacher');
    // Exactly 120 is fine.
    expect((await save(maya, 'y'.repeat(120))).ok).toBe(true);
    expect(await headlineOf(maya)).toBe('y'.repeat(120));
  });

  it('is cleared by saving it empty', async () => {
    const { maya } = await teachers();
    await save(maya, 'Grade 5 teacher');
    revalidated.length = 0;
    expect(await save(maya, '   ')).toEqual({ ok: true, message: 'Saved. Your portfolio shows no headline.' });
    expect(await headlineOf(maya)).toBeNull();
    expect(revalidated).toContain(`/u/${HANDLE}`);
    expect(headerOf(await portfolioHtml())).toEqual(['Maya Okafor’s badges', '0 credentials, 0 PD hours. Every badge links to its verification page.']);
  });

  it('is never shown while the portfolio is private, and a signed-out request changes nothing', async () => {
    const { maya, kofi } = await teachers();
    await save(maya, 'Grade 5 teacher');
    await db.user.update({ where: { id: maya.id }, data: { portfolioPublic: false } });
    expect(await getPublicPortfolio(HANDLE)).toBeNull();
    await expect(portfolioHtml()).rejects.toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
    // The teacher still has it, ready for when they make the portfolio public again.
    const account = await accountHtml(maya);
    expect(/<input[^>]*name="portfolioHeadline"[^>]*>/.exec(account)?.[0]).toContain('value="Grade 5 teacher"');
    expect((await getPublicPortfolio('kofi-mensah'))?.headline).toBe('Science lead');
    expect(headerOf(await portfolioHtml('kofi-mensah'))?.[1]).toBe('Science lead');
    expect(await getPublicPortfolio('no-such-person')).toBeNull();
    expect(await getPublicPortfolio('Not A Handle!')).toBeNull();

    expect(await save(null, 'Hijacked')).toEqual({ ok: false, formError: 'Your session has ended. Sign in again to continue.' });
    expect([await headlineOf(maya), await headlineOf(kofi)]).toEqual(['Grade 5 teacher', 'Science lead']);
  });

  it('reaches visitors at once: the portfolio is never kept in the shared page cache', () => {
    expect(isCacheableKey(`/u/${HANDLE}`)).toBe(false);
    expect(isCacheableKey(`/u/${HANDLE}?cursor=abc`)).toBe(false);
  });
});
