// Colleagues at one's school (lib/colleagues, docs/decisions/028), against Postgres through the real
// queries: who sees whom (both share, the same school now, not disabled, not oneself), what of each
// (the badges their portfolio shows that stand today, the micro-credentials they are working on),
// "Working on the same as me", keyset pages by name, the cut per colleague, and the apply page's
// summary.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createEarnedAward, createOrg, createPublishedCredential, publishNewCredential } from '../factories';
import { enrollInMicroCredential, withdrawFromMicroCredential } from '@/lib/enrollment/mutations';
import { setTeacherSchool } from '@/lib/district/people';
import { getColleaguesOnCredential, listColleagues, type ColleagueCard, type ColleaguesPage } from '@/lib/colleagues/queries';
import { COLLEAGUES_PAGE_SIZE, ITEMS_PER_COLLEAGUE } from '@/lib/colleagues/policy';
import { setSharesWithColleagues } from '@/lib/colleagues/mutations';

beforeEach(async () => {
  await resetDatabase();
});

type Mc = { id: string; slug: string; issuerId: string; currentVersionId: string | null };

/** Lincoln Middle in a district (with Roosevelt Middle), its leader, and four published micro-credentials. */
async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Maple District' });
  const lincoln = await createOrg({ kind: 'SCHOOL', name: 'Lincoln Middle', parentId: district.id });
  const roosevelt = await createOrg({ kind: 'SCHOOL', name: 'Roosevelt Middle', parentId: district.id });
  const leader = await createActor({ name: 'Dana Leader', districtId: district.id, roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const first = await createPublishedCredential({ def: { title: 'Exit Tickets', level: 1 } });
  const mc = async (title: string, level: number): Promise<Mc> => publishNewCredential(first.admin, first.issuer.id, title, { level });
  const exit: Mc = first.mc;
  const labs = await mc('Lab Notebooks', 2);
  const talk = await mc('Number Talks', 1);
  const peer = await mc('Peer Review', 2);
  return { district, lincoln, roosevelt, leader, admin: first.admin, exit, labs, talk, peer };
}
type World = Awaited<ReturnType<typeof world>>;

/** A teacher at `schoolId` (in the world's district), sharing unless told otherwise. */
async function teacher(w: World, name: string, opts: { schoolId?: string | null; shares?: boolean; email?: string } = {}) {
  const schoolId = opts.schoolId === undefined ? w.lincoln.id : opts.schoolId;
  const t = await createActor({ name, email: opts.email, districtId: w.district.id, ...(schoolId ? { schoolId } : {}) });
  if (opts.shares ?? true) await setSharesWithColleagues({ actor: t, shares: true });
  return t;
}

const sharing = (page: ColleaguesPage) => {
  if (page.state !== 'sharing') throw new Error(`expected the sharing state, got ${page.state}`);
  return page;
};
const names = async (viewer: Actor, opts: { sameAsMe?: boolean } = {}) => {
  const page = await listColleagues({ actor: viewer, ...opts });
  return page.state === 'sharing' ? page.items.map((c) => c.name) : page.state;
};
const cardOf = async (viewer: Actor, name: string): Promise<ColleagueCard> => {
  const card = sharing(await listColleagues({ actor: viewer })).items.find((c) => c.name === name);
  if (!card) throw new Error(`${name} is not listed`);
  return card;
};
const badgeTitles = (c: ColleagueCard) => c.badges.items.map((b) => b.title);

describe('who sees whom', () => {
  it('both sharing at the same school: each sees the other, by name', async () => {
    const w = await world();
    const maya = await teacher(w, 'Maya Okafor');
    const lena = await teacher(w, 'Lena Ortiz');
    expect(await names(maya)).toEqual(['Lena Ortiz']);
    expect(await names(lena)).toEqual(['Maya Okafor']);
    const page = sharing(await listColleagues({ actor: maya }));
    expect(page.schoolName).toBe('Lincoln Middle');
  });

  it('the viewer not sharing sees no one; a colleague not sharing, at another school, disabled or without a school is not listed', async () => {
    const w = await world();
    const maya = await teacher(w, 'Maya Okafor');
    await teacher(w, 'Lena Ortiz');
    const quinn = await teacher(w, 'Quinn Quiet', { shares: false });
    await teacher(w, 'Rita Roosevelt', { schoolId: w.roosevelt.id });
    const nell = await teacher(w, 'Nell Noschool', { schoolId: null });
    const gone = await teacher(w, 'Dora Disabled');
    await db.user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
    expect(await names(maya)).toEqual(['Lena Ortiz']);
    // Seen by no one, and seeing no one: not sharing, or no school (sharing or not).
    expect(await listColleagues({ actor: quinn })).toEqual({ state: 'not-sharing', schoolName: 'Lincoln Middle' });
    expect(await listColleagues({ actor: nell })).toEqual({ state: 'no-school' });
  });

  it('turning sharing off hides the person at once, from others and from themselves', async () => {
    const w = await world();
    const maya = await teacher(w, 'Maya Okafor');
    const lena = await teacher(w, 'Lena Ortiz');
    await setSharesWithColleagues({ actor: lena, shares: false });
    expect(await names(maya)).toEqual([]);
    expect(await names(lena)).toBe('not-sharing');
  });

  it('a move to another school stops sharing until they choose to share with their new colleagues; old colleagues are gone at once', async () => {
    const w = await world();
    const maya = await teacher(w, 'Maya Okafor');
    const lena = await teacher(w, 'Lena Ortiz');
    const rita = await teacher(w, 'Rita Roosevelt', { schoolId: w.roosevelt.id });
    expect(await names(lena)).toEqual(['Maya Okafor']);
    // The district's leader places Lena at Roosevelt (the real placement path); her session's Actor
    // still says Lincoln: the rule reads her row, not the Actor. She agreed to share with Lincoln's
    // teachers, not Roosevelt's: sharing is off (a trigger, whichever path moved her).
    await setTeacherSchool({ actor: w.leader, districtId: w.district.id, userId: lena.id, schoolId: w.roosevelt.id });
    expect(await names(lena)).toBe('not-sharing');
    expect(await names(maya)).toEqual([]);
    expect(await listColleagues({ actor: lena })).toMatchObject({ state: 'not-sharing', schoolName: 'Roosevelt Middle' });
    expect(await names(rita)).toEqual([]);
    // She chooses to share at Roosevelt: her new colleagues, not her old ones.
    await setSharesWithColleagues({ actor: lena, shares: true });
    expect(await names(lena)).toEqual(['Rita Roosevelt']);
    expect(sharing(await listColleagues({ actor: lena })).schoolName).toBe('Roosevelt Middle');
    // Taken off any school: no one.
    await setTeacherSchool({ actor: w.leader, districtId: w.district.id, userId: lena.id, schoolId: null });
    expect(await names(lena)).toBe('no-school');
  });

  it('placed at a school for the first time, a choice made with no school yet stands', async () => {
    const w = await world();
    const maya = await teacher(w, 'Maya Okafor');
    const lena = await teacher(w, 'Lena Ortiz', { schoolId: null });
    expect(await names(lena)).toBe('no-school');
    await setTeacherSchool({ actor: w.leader, districtId: w.district.id, userId: lena.id, schoolId: w.lincoln.id });
    expect(await names(lena)).toEqual(['Maya Okafor']);
    expect(await names(maya)).toEqual(['Lena Ortiz']);
  });
});

describe('what a colleague shows', () => {
  it('badges on their portfolio that stand today: not hidden, revoked, suspended, expired, nor an older one a hidden renewal replaced', async () => {
    const w = await world();
    const maya = await teacher(w, 'Maya Okafor');
    const lena = await teacher(w, 'Lena Ortiz');
    await createEarnedAward(lena, w.exit, { title: 'Exit Tickets', level: 1, issuedAt: '2026-03-14T09:00:00Z' });
    const hidden = await createEarnedAward(lena, w.labs, { title: 'Lab Notebooks', level: 2, issuedAt: '2026-02-01T09:00:00Z' });
    await db.award.update({ where: { id: hidden.id }, data: { hiddenFromPortfolio: true } });
    await createEarnedAward(lena, w.talk, { title: 'Number Talks (revoked)', level: 1, issuedAt: '2026-01-01T09:00:00Z', revoked: true });
    await createEarnedAward(lena, w.peer, { title: 'Peer Review (suspended)', level: 2, issuedAt: '2025-12-01T09:00:00Z', suspended: true });
    const other = await publishNewCredential(w.admin, w.exit.issuerId, 'Old Routines', { level: 1 });
    await createEarnedAward(lena, other, { title: 'Old Routines (expired)', level: 1, issuedAt: '2023-01-01T09:00:00Z', validUntil: new Date('2025-01-01T00:00:00Z') });
    // A renewed credential whose newest badge she hid: neither shows (hiding never brings the older back).
    const renewed = await publishNewCredential(w.admin, w.exit.issuerId, 'Wait Time', { level: 1 });
    await createEarnedAward(lena, renewed, { title: 'Wait Time 2024', level: 1, issuedAt: '2024-01-01T09:00:00Z' });
    const newer = await createEarnedAward(lena, renewed, { title: 'Wait Time 2026', level: 1, issuedAt: '2026-01-05T09:00:00Z', cycle: 2 });
    await db.award.update({ where: { id: newer.id }, data: { hiddenFromPortfolio: true } });

    const card = await cardOf(maya, 'Lena Ortiz');
    expect(card.badges.items).toEqual([
      { title: 'Exit Tickets', level: 1, stack: false, earnedMonth: '2026-03', href: `/micro-credentials/${w.exit.slug}`, alsoMine: false },
    ]);
    expect(card.badges.more).toBe(0);
    // Nothing withdrawn or hidden counts toward "more", or matches on the apply page.
    expect(await getColleaguesOnCredential({ actor: maya, slug: w.labs.slug })).toMatchObject({ count: 0 });
    expect(await getColleaguesOnCredential({ actor: maya, slug: renewed.slug })).toMatchObject({ count: 0 });
    expect(await getColleaguesOnCredential({ actor: maya, slug: w.exit.slug })).toMatchObject({ count: 1, holding: { count: 1, names: ['Lena Ortiz'] }, working: { count: 0, names: [] } });
  });

  it('a standing stack badge shows, as the portfolio shows it', async () => {
    const w = await world();
    const maya = await teacher(w, 'Maya Okafor');
    const lena = await teacher(w, 'Lena Ortiz');
    const stack = await db.stack.create({ data: { issuerId: w.exit.issuerId, slug: 'assessment-stack', title: 'Assessment Stack', summary: 'Three credentials.', status: 'PUBLISHED', publishedAt: new Date() } });
    const list = await db.statusList.findFirstOrThrow({ where: { issuerId: w.exit.issuerId } }).catch(() => db.statusList.create({ data: { issuerId: w.exit.issuerId, purpose: 'revocation', bits: new Uint8Array(16) } }));
    await db.award.create({
      data: { userId: lena.id, issuerId: w.exit.issuerId, stackId: stack.id, title: 'Assessment Stack', pdHours: 20, level: null, recipientName: lena.name, issuedAt: new Date('2026-05-02T10:00:00Z'), credential: {}, statusListId: list.id, statusListIndex: 900 },
    });
    expect((await cardOf(maya, 'Lena Ortiz')).badges.items).toEqual([
      { title: 'Assessment Stack', level: null, stack: true, earnedMonth: '2026-05', href: '/stacks/assessment-stack', alsoMine: false },
    ]);
  });

  it('a badge the issuer suspended or revoked during a renewal leaves the badges as a hidden one does, and never turns into work', async () => {
    const w = await world();
    const maya = await teacher(w, 'Maya Okafor');
    const lena = await teacher(w, 'Lena Ortiz');
    const validUntil = new Date(Date.now() + 200 * 86_400_000);
    // Three badges, each with its renewal open (a cycle-2 draft): one suspended, one revoked, one hidden.
    const cases = [
      [w.exit, 'Exit Tickets', { suspended: true }],
      [w.labs, 'Lab Notebooks', { revoked: true }],
      [w.talk, 'Number Talks', {}],
    ] as const;
    for (const [mc, title, how] of cases) {
      await enrollInMicroCredential({ actor: lena, microCredentialId: mc.id });
      const award = await createEarnedAward(lena, mc, { title, level: 1, issuedAt: '2026-01-01T09:00:00Z', validUntil, ...how });
      if (title === 'Number Talks') await db.award.update({ where: { id: award.id }, data: { hiddenFromPortfolio: true } });
      await db.submission.create({ data: { userId: lena.id, microCredentialId: mc.id, versionId: mc.currentVersionId!, status: 'DRAFT', cycle: 2 } });
    }
    const card = await cardOf(maya, 'Lena Ortiz');
    expect(card.badges.items).toEqual([]);
    expect(card.work.items).toEqual([]);
    for (const [mc] of cases) expect(await getColleaguesOnCredential({ actor: maya, slug: mc.slug })).toMatchObject({ count: 0 });
  });

  it('work in progress: enrolled and not stopped, with no badge standing and no earned application', async () => {
    const w = await world();
    const maya = await teacher(w, 'Maya Okafor');
    const lena = await teacher(w, 'Lena Ortiz');
    await enrollInMicroCredential({ actor: lena, microCredentialId: w.labs.id });
    // Stopped: off the list.
    await enrollInMicroCredential({ actor: lena, microCredentialId: w.talk.id });
    await withdrawFromMicroCredential({ actor: lena, microCredentialId: w.talk.id });
    // Earned, its badge past its end date and not being renewed: neither a badge nor work.
    await enrollInMicroCredential({ actor: lena, microCredentialId: w.exit.id });
    await createEarnedAward(lena, w.exit, { title: 'Exit Tickets', level: 1, issuedAt: '2023-01-01T09:00:00Z', validUntil: new Date('2025-01-01T00:00:00Z') });
    // Renewing a badge that ended: working on it again.
    await enrollInMicroCredential({ actor: lena, microCredentialId: w.peer.id });
    await createEarnedAward(lena, w.peer, { title: 'Peer Review', level: 2, issuedAt: '2023-01-01T09:00:00Z', validUntil: new Date('2025-01-01T00:00:00Z') });
    await db.submission.create({ data: { userId: lena.id, microCredentialId: w.peer.id, versionId: w.peer.currentVersionId!, status: 'DRAFT', cycle: 2 } });

    const card = await cardOf(maya, 'Lena Ortiz');
    expect(card.work.items.map((i) => [i.title, i.level])).toEqual([['Peer Review', 2], ['Lab Notebooks', 2]]);
    expect(card.work.items[1].href).toBe(`/micro-credentials/${w.labs.slug}`);
    expect(badgeTitles(card)).toEqual([]);
    expect(await getColleaguesOnCredential({ actor: maya, slug: w.talk.slug })).toMatchObject({ count: 0 });
  });

  it('a busy colleague: at most ITEMS_PER_COLLEAGUE of each, the newest, with how many more; those the viewer works on first', async () => {
    const w = await world();
    const maya = await teacher(w, 'Maya Okafor');
    const lena = await teacher(w, 'Lena Ortiz');
    const admin = w.admin;
    const many: Mc[] = [];
    for (let i = 0; i < ITEMS_PER_COLLEAGUE + 3; i++) many.push(await publishNewCredential(admin, w.exit.issuerId, `Badge ${i}`, { level: 1 }));
    // Badge 0 is the oldest: cut off by date, but Maya works on it, so it comes first.
    for (const [i, mc] of many.entries()) await createEarnedAward(lena, mc, { title: `Badge ${i}`, level: 1, issuedAt: new Date(Date.UTC(2025, i, 3)).toISOString() });
    await enrollInMicroCredential({ actor: maya, microCredentialId: many[0].id });
    const card = await cardOf(maya, 'Lena Ortiz');
    expect(badgeTitles(card)).toEqual(['Badge 0', 'Badge 8', 'Badge 7', 'Badge 6', 'Badge 5', 'Badge 4']);
    expect(card.badges.items[0].alsoMine).toBe(true);
    expect(card.badges.items.slice(1).every((b) => !b.alsoMine)).toBe(true);
    expect(card.badges.more).toBe(3);
  });
});

describe('working on the same as me', () => {
  it('lists only colleagues working on, or showing the badge of, what the viewer is working on, and marks those items', async () => {
    const w = await world();
    const maya = await teacher(w, 'Maya Okafor');
    await enrollInMicroCredential({ actor: maya, microCredentialId: w.labs.id });
    await enrollInMicroCredential({ actor: maya, microCredentialId: w.talk.id });
    const ana = await teacher(w, 'Ana Ruiz');
    await enrollInMicroCredential({ actor: ana, microCredentialId: w.labs.id });
    await enrollInMicroCredential({ actor: ana, microCredentialId: w.peer.id });
    const ben = await teacher(w, 'Ben Holder');
    await createEarnedAward(ben, w.talk, { title: 'Number Talks', level: 1, issuedAt: '2026-01-10T09:00:00Z' });
    const cy = await teacher(w, 'Cy Other');
    await enrollInMicroCredential({ actor: cy, microCredentialId: w.peer.id });
    const dee = await teacher(w, 'Dee Hidden');
    const hidden = await createEarnedAward(dee, w.talk, { title: 'Number Talks', level: 1, issuedAt: '2026-01-10T09:00:00Z' });
    await db.award.update({ where: { id: hidden.id }, data: { hiddenFromPortfolio: true } });
    const eve = await teacher(w, 'Eve Stopped');
    await enrollInMicroCredential({ actor: eve, microCredentialId: w.labs.id });
    await withdrawFromMicroCredential({ actor: eve, microCredentialId: w.labs.id });

    expect(await names(maya)).toEqual(['Ana Ruiz', 'Ben Holder', 'Cy Other', 'Dee Hidden', 'Eve Stopped']);
    expect(await names(maya, { sameAsMe: true })).toEqual(['Ana Ruiz', 'Ben Holder']);
    const page = sharing(await listColleagues({ actor: maya, sameAsMe: true }));
    expect(page.workingOn).toBe(2);
    const [anaCard, benCard] = page.items;
    expect(anaCard.work.items.map((i) => [i.title, i.alsoMine])).toEqual([['Lab Notebooks', true], ['Peer Review', false]]);
    expect(benCard.badges.items.map((i) => [i.title, i.alsoMine])).toEqual([['Number Talks', true]]);
  });

  it('a viewer working on nothing matches no one', async () => {
    const w = await world();
    const maya = await teacher(w, 'Maya Okafor');
    const ana = await teacher(w, 'Ana Ruiz');
    await enrollInMicroCredential({ actor: ana, microCredentialId: w.labs.id });
    expect(await listColleagues({ actor: maya, sameAsMe: true })).toMatchObject({ state: 'sharing', workingOn: 0, items: [], nextCursor: null });
  });
});

describe('pages', () => {
  it('keyset pages by name, ties by id: every colleague once, across pages, even with the same name', async () => {
    const w = await world();
    const maya = await teacher(w, 'Maya Okafor');
    const total = COLLEAGUES_PAGE_SIZE + 5;
    for (let i = 0; i < total; i++) await teacher(w, i % 2 ? 'Alex Kim' : `Zed ${String(i).padStart(2, '0')}`);
    const first = sharing(await listColleagues({ actor: maya }));
    expect(first.items).toHaveLength(COLLEAGUES_PAGE_SIZE);
    expect(first.continued).toBe(false);
    expect(first.nextCursor).not.toBeNull();
    const second = sharing(await listColleagues({ actor: maya, cursor: first.nextCursor! }));
    expect(second.continued).toBe(true);
    expect(second.nextCursor).toBeNull();
    const seen = [...first.items, ...second.items];
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((c) => c.id)).size).toBe(total);
    // In order: by name, then id.
    const key = (c: ColleagueCard) => [c.name, c.id] as const;
    const sorted = [...seen].sort((a, b) => (key(a)[0] === key(b)[0] ? (key(a)[1] < key(b)[1] ? -1 : 1) : key(a)[0] < key(b)[0] ? -1 : 1));
    expect(seen.map((c) => c.id)).toEqual(sorted.map((c) => c.id));
    // A cursor that is not ours is the first page.
    expect(sharing(await listColleagues({ actor: maya, cursor: 'not-a-cursor' })).items.map((c) => c.id)).toEqual(first.items.map((c) => c.id));
  });
});

describe('the apply page’s summary', () => {
  it('how many colleagues are on it, with up to three names; the viewer’s state when they see no one', async () => {
    const w = await world();
    const maya = await teacher(w, 'Maya Okafor');
    for (const name of ['Dan Four', 'Ana One', 'Cal Three', 'Bea Two']) {
      const t = await teacher(w, name);
      await enrollInMicroCredential({ actor: t, microCredentialId: w.labs.id });
    }
    // Not seen: not sharing, or at another school.
    const quiet = await teacher(w, 'Quinn Quiet', { shares: false });
    await enrollInMicroCredential({ actor: quiet, microCredentialId: w.labs.id });
    const far = await teacher(w, 'Rita Roosevelt', { schoolId: w.roosevelt.id });
    await enrollInMicroCredential({ actor: far, microCredentialId: w.labs.id });

    // Maya is not working on it: the line says so (workingOnIt), and once she enrols, it does.
    const expected = { state: 'sharing', schoolName: 'Lincoln Middle', count: 4, holding: { count: 0, names: [] }, working: { count: 4, names: ['Ana One', 'Bea Two', 'Cal Three'] }, workingOnIt: false };
    expect(await getColleaguesOnCredential({ actor: maya, slug: w.labs.slug })).toEqual(expected);
    expect(await getColleaguesOnCredential({ actor: maya, slug: w.peer.slug })).toEqual({ ...expected, count: 0, working: { count: 0, names: [] } });
    await enrollInMicroCredential({ actor: maya, microCredentialId: w.labs.id });
    expect(await getColleaguesOnCredential({ actor: maya, slug: w.labs.slug })).toEqual({ ...expected, workingOnIt: true });

    expect(await getColleaguesOnCredential({ actor: quiet, slug: w.labs.slug })).toEqual({ state: 'not-sharing', schoolName: 'Lincoln Middle' });
    const nobody = await teacher(w, 'Nell Noschool', { schoolId: null });
    expect(await getColleaguesOnCredential({ actor: nobody, slug: w.labs.slug })).toEqual({ state: 'no-school' });
    // What is not a slug never reaches the database.
    for (const bad of ['', 'a\u0000b', 'UPPER', `x${'-'.repeat(3)}`, 'a'.repeat(200)]) expect(await getColleaguesOnCredential({ actor: maya, slug: bad })).toBeNull();
  });
});

describe('the setting', () => {
  it('changes the actor’s own row only', async () => {
    const w = await world();
    const maya = await teacher(w, 'Maya Okafor', { shares: false });
    const lena = await teacher(w, 'Lena Ortiz', { shares: false });
    expect(await setSharesWithColleagues({ actor: maya, shares: true })).toEqual({ shares: true, schoolName: 'Lincoln Middle' });
    const rows = await db.user.findMany({ where: { id: { in: [maya.id, lena.id] } }, select: { id: true, sharesWithColleagues: true } });
    expect(Object.fromEntries(rows.map((r) => [r.id === maya.id ? 'maya' : 'lena', r.sharesWithColleagues]))).toEqual({ maya: true, lena: false });
  });
});
