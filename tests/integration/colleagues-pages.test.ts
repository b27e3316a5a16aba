// Colleagues at one's school through the real pages and actions (docs/decisions/028): /colleagues in
// each of its states (no school, not sharing, sharing: everyone or the same as me, empty, paged),
// never showing evidence, an email address, where an application stands or a day; the sharing
// buttons and the account page's setting (own row only, bad input refused in words); the account
// page's card; the apply page's line; and the dashboard's way in.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form, redirectOf } from '../setup/actions';
import { decodeEntities, hrefOf, textJoined, textOf } from '../setup/html';
import { createActor, createEarnedAward, createOrg, createPublishedCredential, createWaitingAttempt, publishNewCredential } from '../factories';
import { enrollInMicroCredential } from '@/lib/enrollment/mutations';
import { saveResponse, startApplication } from '@/lib/submissions/mutations';
import { SHARES_REFUSED } from '@/lib/colleagues/schemas';
import { COLLEAGUES_PAGE_SIZE } from '@/lib/colleagues/policy';
import { listColleagues } from '@/lib/colleagues/queries';

const { revalidated } = vi.hoisted(() => ({ revalidated: [] as string[] }));
vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('@/lib/auth/config', () => ({ signOut: async () => undefined }));
vi.mock('next/cache', () => ({ revalidatePath: (p: string) => void revalidated.push(p) }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }), usePathname: () => '/' }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: ColleaguesPage } = await import('@/app/colleagues/page');
const { setSharingFromColleaguesAction } = await import('@/app/colleagues/actions');
const { default: AccountPage } = await import('@/app/account/page');
const { setSharesWithColleaguesAction } = await import('@/app/account/actions');
const { default: ApplyPage } = await import('@/app/apply/[slug]/page');
const { default: DashboardPage } = await import('@/app/dashboard/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
  revalidated.length = 0;
});

const as = (a: Actor | null) => {
  session.actor = a;
};
const colleaguesHtml = async (viewer: Actor, query: Record<string, string> = {}) => {
  as(viewer);
  return renderToStaticMarkup(await ColleaguesPage({ searchParams: Promise.resolve(query) }));
};
const accountHtml = async (viewer: Actor) => {
  as(viewer);
  return renderToStaticMarkup(await AccountPage());
};
const applyHtml = async (viewer: Actor, slug: string) => {
  as(viewer);
  return renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve({}) }));
};
const shares = async (a: Actor) => (await db.user.findUniqueOrThrow({ where: { id: a.id }, select: { sharesWithColleagues: true } })).sharesWithColleagues;
/** The filter links, in order: their words, where they go, and whether each is marked as the current one. */
const filterLinks = (html: string) => {
  const nav = /<nav aria-label="Which colleagues"[^>]*>(.*?)<\/nav>/.exec(html)![1];
  return [...nav.matchAll(/<a ([^>]*)>([^<]*)<\/a>/g)].map((m) => ({ label: m[2], href: decodeEntities(/href="([^"]*)"/.exec(m[1])![1]), current: m[1].includes('aria-current="page"') }));
};
/** The markup of the line under the apply page's title, or null. */
const colleaguesLine = (html: string) => /<p [^>]*data-colleagues-line[^>]*>.*?<\/p>/.exec(html)?.[0] ?? null;

/** Lincoln Middle; Maya (sharing unless told) and the credential she is working on, Lab Notebooks. */
async function world(opts: { mayaShares?: boolean } = {}) {
  const lincoln = await createOrg({ kind: 'SCHOOL', name: 'Lincoln Middle' });
  const first = await createPublishedCredential({ def: { title: 'Exit Tickets', level: 1 } });
  const labs = await publishNewCredential(first.admin, first.issuer.id, 'Lab Notebooks', { level: 2 });
  const maya = await createActor({ name: 'Maya Okafor', email: 'maya@lincoln.example', schoolId: lincoln.id });
  await db.user.update({ where: { id: maya.id }, data: { sharesWithColleagues: opts.mayaShares ?? true } });
  await enrollInMicroCredential({ actor: maya, microCredentialId: labs.id });
  return { lincoln, first, exit: first.mc, labs, maya };
}
type World = Awaited<ReturnType<typeof world>>;

/** A colleague at Lincoln who shares, working on Lab Notebooks with a draft and holding Exit Tickets (earned 14 March 2026). */
async function lena(w: World) {
  const t = await createActor({ name: 'Lena Ortiz', email: 'lena.private@lincoln.example', schoolId: w.lincoln.id });
  await db.user.update({ where: { id: t.id }, data: { sharesWithColleagues: true, portfolioHeadline: 'Grade 6 science, team lead', handle: 'lena-ortiz', portfolioPublic: true } });
  const sub = await startApplication({ actor: t, microCredentialId: w.labs.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id }, select: { id: true } });
  const part = await db.microCredentialVersion.findUniqueOrThrow({ where: { id: w.labs.currentVersionId! }, select: { parts: { orderBy: { sortOrder: 'asc' }, select: { id: true }, take: 1 } } });
  await saveResponse({ actor: t, attemptId: attempt.id, partId: part.parts[0].id, text: 'SECRET EVIDENCE: my students in room 12', links: [], revision: 0 });
  await createEarnedAward(t, w.exit, { title: 'Exit Tickets', level: 1, issuedAt: '2026-03-14T09:00:00Z' });
  return t;
}

describe('/colleagues', () => {
  it('no school: says what colleagues are and how a teacher gets a school, linking the account page’s district section', async () => {
    const nobody = await createActor({ name: 'Nell Noschool' });
    const html = await colleaguesHtml(nobody);
    const text = textOf(html);
    expect(html).toContain('<h1');
    expect(text).toContain('You have no school on this site yet');
    expect(text).toContain('Colleagues are teachers at your school');
    expect(text).toContain('when your district’s leaders confirm you at your school');
    expect(hrefOf(html, 'Ask to join your district on your account page')).toBe('/account#district');
    expect(html).not.toContain('Stop sharing');
  });

  it('not sharing: says what would be shared and what never is, and offers to share; sharing starts at once and lands on the list', async () => {
    const w = await world({ mayaShares: false });
    await lena(w);
    const html = await colleaguesHtml(w.maya);
    const text = textOf(html);
    expect(text).toContain('Colleagues at Lincoln Middle');
    expect(text).toContain('Colleagues see each other only when both share');
    expect(text).toContain('What colleagues who share see of you');
    expect(text).toContain('The micro-credentials you are working on, with their level');
    expect(text).toContain('What they never see');
    expect(text).toContain('Your evidence and answers');
    expect(text).toContain('Your email address');
    // Nobody is listed before she shares.
    expect(text).not.toContain('Lena Ortiz');
    expect(html).toMatch(/<input type="hidden" name="shares" value="yes"\/><button type="submit"[^>]*>Share and see my colleagues<\/button>/);

    as(w.maya);
    expect(await redirectOf(setSharingFromColleaguesAction({ ok: true }, form({ shares: 'yes' })))).toBe('/colleagues?now=sharing');
    expect(await shares(w.maya)).toBe(true);
    expect(revalidated).toEqual(expect.arrayContaining(['/colleagues', '/account']));
    const after = textOf(await colleaguesHtml(w.maya, { now: 'sharing' }));
    expect(after).toContain('You are sharing. Colleagues at Lincoln Middle who share see you, and you see them below.');
    expect(after).toContain('Lena Ortiz');
  });

  it('sharing: the cards show name, headline, public portfolio, badges by month and work, and never evidence, an email, a day or where work stands', async () => {
    const w = await world();
    const colleague = await lena(w);
    // Sent work elsewhere: where it stands is never said.
    const other = await publishNewCredential(w.first.admin, w.first.issuer.id, 'Peer Review', { level: 1 });
    await createWaitingAttempt(colleague, other.id);
    const html = await colleaguesHtml(w.maya);
    const text = textOf(html);
    expect(text).toContain('Colleagues at Lincoln Middle');
    expect(html).toMatch(/<h3[^>]*>Lena Ortiz<\/h3>/);
    expect(text).toContain('Grade 6 science, team lead');
    expect(hrefOf(html, 'Lena Ortiz’s public portfolio')).toBe('/u/lena-ortiz');
    expect(text).toContain('Exit Tickets Level 1 · earned March 2026');
    expect(hrefOf(html, 'Exit Tickets')).toBe(`/micro-credentials/${w.exit.slug}`);
    // Working on Lab Notebooks, as Maya is; and Peer Review.
    expect(textJoined(html)).toContain('Lab Notebooks You are working on this too');
    expect(text).toContain('Peer Review');

    for (const secret of ['SECRET EVIDENCE', 'room 12', 'lena.private@lincoln.example', 'maya@lincoln.example', '14 March', '14 Mar', '2026-03-14', 'Submitted', 'In review', 'Draft', 'Needs revision']) {
      expect(html, secret).not.toContain(secret);
    }
    // Her portfolio turned private: no link to it.
    await db.user.update({ where: { id: colleague.id }, data: { portfolioPublic: false } });
    expect(await colleaguesHtml(w.maya)).not.toContain('/u/lena-ortiz');
  });

  it('filters as a nav with the current one marked; the same-as-me filter and its empty states', async () => {
    const w = await world();
    await lena(w);
    const sam = await createActor({ name: 'Sam Lee', schoolId: w.lincoln.id });
    await db.user.update({ where: { id: sam.id }, data: { sharesWithColleagues: true } });

    const everyone = await colleaguesHtml(w.maya);
    expect(filterLinks(everyone)).toEqual([
      { label: 'Everyone who shares', href: '/colleagues', current: true },
      { label: 'Working on the same as me', href: '/colleagues?same=1', current: false },
    ]);
    expect(textOf(everyone)).toContain('Sam Lee');

    const same = await colleaguesHtml(w.maya, { same: '1' });
    expect(filterLinks(same).map((l) => l.current)).toEqual([false, true]);
    expect(same).toMatch(/<h2[^>]*>Working on the same as me<\/h2>/);
    expect(textOf(same)).toContain('Lena Ortiz');
    expect(textOf(same)).not.toContain('Sam Lee');

    // Maya stops her only work: nothing to match, and the page says why.
    await db.enrollment.updateMany({ where: { userId: w.maya.id }, data: { withdrawnAt: new Date() } });
    const idle = textOf(await colleaguesHtml(w.maya, { same: '1' }));
    expect(idle).toContain('You are not working on a micro-credential right now');
    expect(idle).not.toContain('Lena Ortiz');
  });

  it('no one else shares yet: an empty state that says how colleagues appear; and a way to stop sharing, which hides her at once', async () => {
    const w = await world();
    const html = await colleaguesHtml(w.maya);
    expect(textOf(html)).toContain('No one else at Lincoln Middle shares yet');
    expect(textOf(html)).toContain('Colleagues appear here once they share too');
    expect(html).toMatch(/<input type="hidden" name="shares" value="no"\/><button type="submit"[^>]*>Stop sharing<\/button>/);

    const colleague = await lena(w);
    as(colleague);
    expect(textOf(await colleaguesHtml(colleague))).toContain('Maya Okafor');
    as(w.maya);
    expect(await redirectOf(setSharingFromColleaguesAction({ ok: true }, form({ shares: 'no' })))).toBe('/colleagues?now=stopped');
    expect(await shares(w.maya)).toBe(false);
    expect(textOf(await colleaguesHtml(colleague))).not.toContain('Maya Okafor');
    const stopped = textOf(await colleaguesHtml(w.maya, { now: 'stopped' }));
    expect(stopped).toContain('You stopped sharing. Colleagues no longer see you, and you no longer see them.');
    expect(stopped).toContain('Share with colleagues at Lincoln Middle');
  });

  it('pages: “Next page” carries the cursor and the filter, the next page links back to the first', async () => {
    const w = await world();
    for (let i = 0; i < COLLEAGUES_PAGE_SIZE + 1; i++) {
      const t = await createActor({ name: `Colleague ${String(i).padStart(2, '0')}`, schoolId: w.lincoln.id });
      await db.user.update({ where: { id: t.id }, data: { sharesWithColleagues: true } });
      await enrollInMicroCredential({ actor: t, microCredentialId: w.labs.id });
    }
    const first = await colleaguesHtml(w.maya, { same: '1' });
    const next = hrefOf(first, 'Next page');
    expect(next).toMatch(/^\/colleagues\?same=1&cursor=/);
    const cursor = new URL(next!, 'http://x').searchParams.get('cursor')!;
    const second = await colleaguesHtml(w.maya, { same: '1', cursor });
    expect(second).toMatch(/<h2[^>]*>Working on the same as me \(continued\)<\/h2>/);
    expect(textOf(second)).toContain('Colleague 20');
    expect(textOf(second)).not.toContain('Colleague 19');
    expect(hrefOf(second, '← Back to the first page')).toBe('/colleagues?same=1');
  });

  it('a bad or signed-out request to the sharing buttons is refused in words, with nothing saved', async () => {
    const w = await world({ mayaShares: false });
    as(w.maya);
    for (const fields of [{ shares: 'on' }, { shares: 'maybe' }]) {
      expect(await setSharingFromColleaguesAction({ ok: true }, form(fields))).toEqual({ ok: false, formError: SHARES_REFUSED });
    }
    expect(await shares(w.maya)).toBe(false);
    as(null);
    const out = await setSharingFromColleaguesAction({ ok: true }, form({ shares: 'yes' }));
    expect(out.ok).toBe(false);
    expect(await shares(w.maya)).toBe(false);
  });
});

describe('the account page', () => {
  it('a “Colleagues at your school” card at #colleagues with the setting as saved and a sentence on reciprocity; #district for the school', async () => {
    const w = await world({ mayaShares: false });
    const html = await accountHtml(w.maya);
    expect(html).toMatch(/<h2 id="colleagues"[^>]*>Colleagues at your school<\/h2>/);
    expect(textOf(html)).toContain('Sharing goes both ways: you see only colleagues who share too, and only they see you.');
    expect(textOf(html)).toContain('Teachers at Lincoln Middle who share see your name');
    const box = /<input [^>]*id="sharesWithColleagues"[^>]*\/>/.exec(html)![0];
    expect(box).toContain('name="shares"');
    expect(box).toContain('value="yes"');
    expect(box).not.toContain('checked');
    expect(html).toMatch(/<label for="sharesWithColleagues"[^>]*>Share with colleagues at my school<\/label>/);
    expect(html).toContain('id="district"');

    await db.user.update({ where: { id: w.maya.id }, data: { sharesWithColleagues: true } });
    expect(/<input [^>]*id="sharesWithColleagues"[^>]*\/>/.exec(await accountHtml(w.maya))![0]).toContain('checked=""');
  });

  it('saving the setting: the signed-in person’s own row only, said back in words; anything but yes refused with nothing saved', async () => {
    const w = await world({ mayaShares: false });
    const other = await createActor({ name: 'Lena Ortiz', schoolId: w.lincoln.id });
    as(w.maya);
    const fd = form({ shares: 'yes' });
    // A hand-made request naming someone else changes nothing but the sender's own row.
    fd.set('userId', other.id);
    expect(await setSharesWithColleaguesAction({ ok: true }, fd)).toEqual({ ok: true, message: 'Saved. You share with colleagues at Lincoln Middle who share too: they see you, and you see them on the Colleagues page.' });
    expect([await shares(w.maya), await shares(other)]).toEqual([true, false]);
    expect(revalidated).toEqual(expect.arrayContaining(['/account', '/colleagues']));

    // Unticked: the box sends nothing.
    expect(await setSharesWithColleaguesAction({ ok: true }, new FormData())).toEqual({ ok: true, message: 'Saved. You do not share with colleagues: they no longer see you, and you no longer see them.' });
    expect(await shares(w.maya)).toBe(false);

    for (const value of ['on', 'true', '1']) expect(await setSharesWithColleaguesAction({ ok: true }, form({ shares: value }))).toEqual({ ok: false, formError: SHARES_REFUSED });
    const twice = new FormData();
    twice.append('shares', 'yes');
    twice.append('shares', 'yes');
    expect(await setSharesWithColleaguesAction({ ok: true }, twice)).toEqual({ ok: false, formError: SHARES_REFUSED });
    expect(await shares(w.maya)).toBe(false);

    const nobody = await createActor({ name: 'Nell Noschool' });
    as(nobody);
    expect(await setSharesWithColleaguesAction({ ok: true }, form({ shares: 'yes' }))).toEqual({ ok: true, message: 'Saved. You will share with colleagues once you have a school on this site.' });
  });
});

describe('the apply page’s line', () => {
  it('sharing, with colleagues on it: names them and links to “Working on the same as me”', async () => {
    const w = await world();
    await lena(w);
    const line = colleaguesLine(await applyHtml(w.maya, w.labs.slug));
    expect(line).not.toBeNull();
    // Lena drafts Lab Notebooks: someone to work with.
    expect(textJoined(line!)).toBe('At Lincoln Middle, Lena Ortiz is working on it.');
    expect(hrefOf(line!, 'At Lincoln Middle')).toBe('/colleagues?same=1');
  });

  it('on a micro-credential the viewer is not working on, the line leads to everyone who shares, where those it names are listed', async () => {
    const w = await world();
    await lena(w);
    // Lena holds Exit Tickets; Maya is not working on it, so "Working on the same as me" would not list Lena.
    const line = colleaguesLine(await applyHtml(w.maya, w.exit.slug));
    // Lena holds its badge: someone to ask how she went about it.
    expect(textJoined(line!)).toBe('At Lincoln Middle, Lena Ortiz holds its badge.');
    expect(hrefOf(line!, 'At Lincoln Middle')).toBe('/colleagues');
    expect(await listColleagues({ actor: w.maya })).toMatchObject({ items: [{ name: 'Lena Ortiz' }] });
  });

  it('sharing with no colleague on it, or no school: nothing; a school but not sharing: one quiet sentence linking /colleagues', async () => {
    const w = await world();
    expect(colleaguesLine(await applyHtml(w.maya, w.labs.slug))).toBeNull();
    await db.user.update({ where: { id: w.maya.id }, data: { sharesWithColleagues: false } });
    const quiet = colleaguesLine(await applyHtml(w.maya, w.labs.slug))!;
    expect(textJoined(quiet)).toBe('Colleagues at Lincoln Middle may be working on this too: find colleagues working on the same as you.');
    expect(hrefOf(quiet, 'find colleagues working on the same as you')).toBe('/colleagues');

    const nobody = await createActor({ name: 'Nell Noschool' });
    await db.user.update({ where: { id: nobody.id }, data: { sharesWithColleagues: true } });
    await enrollInMicroCredential({ actor: nobody, microCredentialId: w.labs.id });
    const html = await applyHtml(nobody, w.labs.slug);
    expect(html).toContain('Lab Notebooks');
    expect(colleaguesLine(html)).toBeNull();
  });
});

describe('the dashboard', () => {
  it('links to /colleagues beside “Find a micro-credential”', async () => {
    const w = await world();
    as(w.maya);
    const html = renderToStaticMarkup(await DashboardPage({ searchParams: Promise.resolve({}) }));
    expect(hrefOf(html, 'Colleagues at my school')).toBe('/colleagues');
  });
});
