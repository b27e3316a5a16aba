// Stacks after the fact (docs/decisions/012, addendum of 26 Nov 2026): a retired stack keeps the
// public page its badges point to; a part whose badge was revoked (or is on hold) is never offered
// as the next one, and no page promises the stack can be earned again; a stack badge on hold names a
// part still missing, not one reinstated since; and a recommended stack's progress counts parts as
// the stack is awarded (expired or not). Badges issued, suspended, reinstated and revoked by the real
// domain code against Postgres; pages rendered from the real pages with only who is signed in set.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { hrefOf, textJoined } from '../setup/html';
import { createActor, createEarnedSubmission, createOrg, createPublishedCredential } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { reinstateAward, revokeAward, suspendAward } from '@/lib/awards/revoke';
import { holdReason } from '@/lib/awards/stack-holds';
import { listStacksInProgress } from '@/lib/awards/stack-progress';
import { createStack } from '@/lib/authoring/mutations';
import { retireStack } from '@/lib/authoring/stacks';
import { enrollInMicroCredential, enrollInStack } from '@/lib/enrollment/mutations';
import { getCatalogFacets, invalidateCatalogFacets } from '@/lib/catalog/queries';
import { addRecommendation, listRecommendationsForTeacher } from '@/lib/district/recommendations';
import { StacksInProgress } from '@/components/credentials/stacks-in-progress';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: StackPage } = await import('@/app/stacks/[slug]/page');
const { default: CredentialPage } = await import('@/app/credentials/[id]/page');

beforeEach(async () => {
  await resetDatabase();
  invalidateCatalogFacets();
  session.actor = null;
});

const PLAGIARISED = 'Evidence was not the teacher’s own.';
const COMPLAINT = 'A complaint is being looked into.';

/** The teacher earns a micro-credential (the review flow is tested elsewhere) and its badge is issued. */
async function earn(teacher: Actor, microCredentialId: string) {
  return (await issueAwardForSubmission(await createEarnedSubmission(teacher, microCredentialId))).awardId!;
}

/** A published stack of one issuer's micro-credentials, titled as given, in that order. */
async function publishedStack(titles: string[], slug = 'feedback-stack') {
  const first = await createPublishedCredential({ def: { title: titles[0] } });
  const mcs = [first.mc];
  for (const title of titles.slice(1)) mcs.push((await createPublishedCredential({ issuerId: first.issuer.id, admin: first.admin, def: { title } })).mc);
  const stack = await createStack({ actor: first.admin, issuerId: first.issuer.id, publish: true, def: { slug, title: 'Feedback Stack', summary: 'Parts.', microCredentials: mcs.map((m) => m.slug) } });
  return { admin: first.admin, issuer: first.issuer, mcs, stackId: stack.id, slug };
}

const stackPage = async (slug = 'feedback-stack') => renderToStaticMarkup(await StackPage({ params: Promise.resolve({ slug }) }));
const credentialPage = async (id: string) => renderToStaticMarkup(await CredentialPage({ params: Promise.resolve({ id }) }));
const stackAwardOf = (userId: string, stackId: string) => db.award.findFirstOrThrow({ where: { userId, stackId }, orderBy: { issuedAt: 'desc' } });

describe('a retired stack', () => {
  it('keeps the public page its stack badges point to, says it is no longer offered and offers no enrolment', async () => {
    const s = await publishedStack(['Exit Tickets', 'Socratic Seminars']);
    const holder = await createActor({ name: 'Maya Holder' });
    for (const mc of s.mcs) await earn(holder, mc.id);
    const stackBadge = await stackAwardOf(holder.id, s.stackId);
    const partway = await createActor({ name: 'Pat Partway' });
    await enrollInMicroCredential({ actor: partway, microCredentialId: s.mcs[0].id });

    await retireStack({ actor: s.admin, stackId: s.stackId });

    // The badge page's "See the stack" and the signed criteria both name this address.
    const badgePage = await credentialPage(stackBadge.id);
    expect(hrefOf(badgePage, 'See the stack')).toBe('/stacks/feedback-stack');
    expect(JSON.stringify(stackBadge.credential)).toContain('/stacks/feedback-stack');

    // Anonymous (the copy the page cache shares): the notice, no enrolment, no catalogue filter.
    const anonymous = await stackPage();
    const text = textJoined(anonymous);
    expect(text).toContain('This stack is no longer offered');
    expect(text).toContain('Stack badges already earned stay valid.');
    expect(text).toContain('Feedback Stack');
    expect(text).not.toContain('Create a free account to enrol');
    expect(text).not.toContain('awarded to you automatically');
    expect(anonymous).not.toContain('/catalog?stack=');

    // Its holder: the badge they hold, no "Enrol in all parts".
    session.actor = holder;
    const held = textJoined(await stackPage());
    expect(held).toContain('You hold this stack.');
    expect(held).not.toContain('Enrol in all parts');

    // A teacher part-way through: no "Enrol in all parts", no progress toward a stack no longer awarded.
    session.actor = partway;
    const started = textJoined(await stackPage());
    expect(started).toContain('This stack is no longer offered');
    expect(started).not.toContain('Enrol in all parts');
    expect(started).not.toContain('of 2 earned');
    // And enrolling is refused, as before.
    await expect(enrollInStack({ actor: partway, stackId: s.stackId })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // Not listed anywhere as on offer: the catalogue, its stack filter, the parts' pages.
    expect(await db.catalogEntry.count({ where: { kind: 'STACK' } })).toBe(0);
    expect((await getCatalogFacets()).stacks).toEqual([]);
    session.actor = null;
  });

  it('a stack never published still has no page', async () => {
    const first = await createPublishedCredential();
    const second = await createPublishedCredential({ issuerId: first.issuer.id, admin: first.admin });
    await createStack({ actor: first.admin, issuerId: first.issuer.id, def: { slug: 'draft-stack', title: 'Draft Stack', summary: 'Parts.', microCredentials: [first.mc.slug, second.mc.slug] } });
    await expect(stackPage('draft-stack')).rejects.toThrow();
  });
});

describe('a part whose badge was revoked', () => {
  it('is not offered as the next part; the list says it was revoked and whom to ask', async () => {
    const s = await publishedStack(['Exit Tickets', 'Socratic Seminars', 'Peer Feedback']);
    const teacher = await createActor();
    await earn(teacher, s.mcs[0].id);
    const second = await earn(teacher, s.mcs[1].id);
    await revokeAward({ actor: s.admin, awardId: second, reason: PLAGIARISED });

    const [building] = await listStacksInProgress(teacher.id);
    expect(building).toMatchObject({ title: 'Feedback Stack', held: 1, total: 3 });
    // Not the revoked part, and no other part either: the stack cannot be completed.
    expect(building.next?.slug).not.toBe(s.mcs[1].slug);
    expect(building.next).toBeNull();
    expect(building.withdrawn).toEqual({ title: 'Socratic Seminars', state: 'revoked', awardId: second, issuer: { name: s.issuer.name, slug: s.issuer.slug } });

    const html = renderToStaticMarkup(createElement(StacksInProgress, { stacks: [building] }));
    const text = textJoined(html);
    expect(text).toContain('Your badge for “Socratic Seminars”, one of its parts, was revoked, so this stack cannot be completed.');
    expect(text).toContain(`If you have questions, contact ${s.issuer.name}.`);
    expect(text).not.toContain('Next:');
    expect(hrefOf(html, 'See why it was revoked')).toBe(`/credentials/${second}`);
    expect(hrefOf(html, s.issuer.name)).toBe(`/issuers/${s.issuer.slug}`);
  });

  it('one on hold is not offered either; the next part the teacher can work on is', async () => {
    const s = await publishedStack(['Exit Tickets', 'Socratic Seminars', 'Peer Feedback']);
    const teacher = await createActor();
    await earn(teacher, s.mcs[0].id);
    const second = await earn(teacher, s.mcs[1].id);
    await suspendAward({ actor: s.admin, awardId: second, reason: COMPLAINT });

    const [building] = await listStacksInProgress(teacher.id);
    expect(building.next).toEqual({ slug: s.mcs[2].slug, title: 'Peer Feedback' });
    expect(building.withdrawn).toMatchObject({ title: 'Socratic Seminars', state: 'suspended', awardId: second });
    const text = textJoined(renderToStaticMarkup(createElement(StacksInProgress, { stacks: [building] })));
    expect(text).toContain('Your badge for “Socratic Seminars”, one of its parts, is on hold. It counts again if the issuer reinstates it.');
    expect(text).toContain('Next: Peer Feedback');
  });

  it('no page, nor the holder’s notice, says the stack badge revoked with it can be earned again', async () => {
    const s = await publishedStack(['Exit Tickets', 'Socratic Seminars']);
    const teacher = await createActor({ name: 'Maya Teacher' });
    const first = await earn(teacher, s.mcs[0].id);
    await earn(teacher, s.mcs[1].id);
    const stackBadge = await stackAwardOf(teacher.id, s.stackId);

    // Before: the issuer's admin is warned, without a promise.
    session.actor = s.admin;
    const warning = textJoined(await credentialPage(first));
    expect(warning).toContain('Revoking it also revokes the stack badge built on it: Feedback Stack. Revoking cannot be undone, and the holder cannot earn this badge again, so the stack badge stays revoked.');
    expect(warning).not.toMatch(/earn (it|them) again/);

    await revokeAward({ actor: s.admin, awardId: first, reason: PLAGIARISED });
    // The stored reason keeps its closing sentence: the marker the rules match on.
    expect((await stackAwardOf(teacher.id, s.stackId)).revocationReason).toBe('“Exit Tickets”, one of the badges it is built from, was revoked. It can be earned again once every badge it is built from is held.');
    const notice = await db.notification.findFirstOrThrow({ where: { userId: teacher.id, kind: 'award.revoked', href: `/credentials/${stackBadge.id}` } });
    expect(notice.body).toBe('“Exit Tickets”, one of the badges it is built from, was revoked.');

    session.actor = teacher;
    const page = textJoined(await stackPage());
    expect(page).toContain('Your stack credential was revoked');
    expect(page).toContain('“Exit Tickets”, one of the badges it is built from, was revoked.');
    expect(page).not.toMatch(/earned again/i);

    const [building] = await listStacksInProgress(teacher.id);
    expect(building.next).toBeNull();
    expect(building.withdrawn).toMatchObject({ title: 'Exit Tickets', state: 'revoked' });
    session.actor = null;
  });
});

describe('a stack badge on hold', () => {
  it('names a part still missing once the part it named is reinstated, and is lifted once every part is held', async () => {
    const s = await publishedStack(['Exit Tickets', 'Socratic Seminars']);
    const teacher = await createActor();
    const a = await earn(teacher, s.mcs[0].id);
    const b = await earn(teacher, s.mcs[1].id);
    const stackBadge = await stackAwardOf(teacher.id, s.stackId);
    const reasonOf = async () => (await db.award.findUniqueOrThrow({ where: { id: stackBadge.id }, select: { suspendedAt: true, suspensionReason: true } }));

    await suspendAward({ actor: s.admin, awardId: a, reason: COMPLAINT });
    expect((await reasonOf()).suspensionReason).toBe(holdReason('Exit Tickets', 'suspended'));
    // Already on hold: suspending the second part changes nothing.
    await suspendAward({ actor: s.admin, awardId: b, reason: COMPLAINT });
    expect((await reasonOf()).suspensionReason).toBe(holdReason('Exit Tickets', 'suspended'));

    await reinstateAward({ actor: s.admin, awardId: a, note: 'Looked into: fine.' });
    const held = await reasonOf();
    expect(held.suspendedAt).not.toBeNull();
    expect(held.suspensionReason).toBe(holdReason('Socratic Seminars', 'suspended'));
    expect(held.suspensionReason).not.toContain('Exit Tickets');
    // The badge page and the stack page say the same.
    expect(textJoined(await credentialPage(stackBadge.id))).toContain('“Socratic Seminars”, one of the badges it is built from, is suspended.');
    session.actor = teacher;
    expect(textJoined(await stackPage())).toContain('“Socratic Seminars”, one of the badges it is built from, is suspended.');
    session.actor = null;

    await reinstateAward({ actor: s.admin, awardId: b, note: '' });
    expect(await reasonOf()).toEqual({ suspendedAt: null, suspensionReason: null });
  });
});

describe('a recommended stack’s progress', () => {
  it('counts a part whose badge has expired, as the stack page and "Stacks you’re building" do', async () => {
    const s = await publishedStack(['Exit Tickets', 'Socratic Seminars', 'Peer Feedback']);
    const district = await createOrg({ kind: 'DISTRICT', name: 'District One' });
    const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }], districtId: district.id });
    const teacher = await createActor({ districtId: district.id });
    await addRecommendation({ actor: leader, input: { districtId: district.id, kind: 'STACK', targetId: s.stackId, schoolId: null, note: '' } });
    const expired = await earn(teacher, s.mcs[0].id);
    await db.award.update({ where: { id: expired }, data: { validUntil: new Date(Date.now() - 86_400_000) } });
    await earn(teacher, s.mcs[1].id);

    const recs = await listRecommendationsForTeacher(teacher);
    const card = recs!.items.find((i) => i.target.kind === 'STACK')!;
    const [building] = await listStacksInProgress(teacher.id);
    expect(card.progress).toEqual({ earned: 2, total: 3 });
    expect(card.progress!.earned).toBe(building.held);
    session.actor = teacher;
    expect(textJoined(await stackPage())).toContain('2 of 3 earned');
    session.actor = null;
  });
});
