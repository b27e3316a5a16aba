// The owner of an address takes back an account someone else opened with it. Anyone can sign up
// with any address; until it is confirmed, whoever knows the account's password may have chosen
// what others see of it: the name signed into badges, the portfolio (address, headline, public,
// naming the school), sharing with colleagues, a request to join a district. When the owner proves
// the address (a reset link, or a school sign-in that vouches for it), the password goes and so do
// those choices (forgetUnconfirmedChoices, lib/auth/accounts.ts); the district's leaders are not told
// of the request (ADR 010 takes a request from a confirmed address as the teacher's own), and the
// owner is told what was reset. A confirmed account keeps everything.
//
// Also: a reset link not used yet stops working once the password is changed, or the account is
// signed out on every device. Real Postgres, with the job queue and outbox.
import type { ReactElement } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { initialActionState } from '@/lib/action-result';
import { authenticate, signUp, upsertOidcUser } from '@/lib/auth/accounts';
import { issueAccountToken, readAccountToken } from '@/lib/auth/account-tokens';
import { changePassword, requestPasswordReset, resetPassword, RESET_MINUTES } from '@/lib/auth/password-reset';
import { signOutEverywhere } from '@/lib/auth/sign-out-everywhere';
import { updateProfile } from '@/lib/auth/profile';
import { loadActor } from '@/lib/auth/load-actor';
import { setPortfolioHeadline, setSchoolOnPortfolio } from '@/lib/awards/portfolio';
import { getPublicPortfolio } from '@/lib/awards/queries';
import { setSharesWithColleagues } from '@/lib/colleagues/mutations';
import { listDistrictRequests, requestDistrict } from '@/lib/district/requests';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runDueJobs } from '@/lib/jobs/queue';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form, redirectOf } from '../setup/actions';
import { textJoined } from '../setup/html';
import { createActor, createOrg } from '../factories';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
// next-auth itself does not load outside Next: the sign-in page only needs the provider list.
vi.mock('next-auth', () => ({ AuthError: class AuthError extends Error {} }));
vi.mock('@/lib/auth/config', () => ({ signOut: async () => undefined, signIn: async () => undefined, oidcProviders: () => [] }));

const { resetPasswordAction } = await import('@/app/reset-password/[token]/actions');
const { default: SignInPage } = await import('@/app/sign-in/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const STRANGER_PASSWORD = 'the stranger’s own password';
const OWNER_PASSWORD = 'the owner’s new password, long enough';
const USED = 'This reset link has already been used, or a newer one was sent. Ask for a new one if you still need it.';
const FRESH = { publicName: null, handle: null, portfolioPublic: false, portfolioShowsSchool: false, portfolioHeadline: null, sharesWithColleagues: false, requestedDistrictId: null, districtRequestedAt: null };
const RESET_SENTENCE =
  'Anything chosen on this account before your address was confirmed may have been someone else’s, so this was reset: the name shown on your badges, your portfolio’s web address, making your portfolio public (it is private now), showing your school on your portfolio, your portfolio’s headline, sharing with colleagues at your school and your request to join Kettle Moraine (withdrawn; its leaders were not told). If any of it was yours, choose it again on your account page.';

async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const leader = await createActor({ name: 'Lee Leader', email: 'lee@kettle.test', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  return { district, leader };
}

const choicesOf = (id: string) =>
  db.user.findUniqueOrThrow({ where: { id }, select: { publicName: true, handle: true, portfolioPublic: true, portfolioShowsSchool: true, portfolioHeadline: true, sharesWithColleagues: true, requestedDistrictId: true, districtRequestedAt: true } });
const joinNotices = () => db.notification.count({ where: { kind: 'district.join_request' } });
async function asksEmailed(): Promise<number> {
  await runDueJobs(jobHandlers, 50);
  return db.emailMessage.count({ where: { text: { contains: 'asks to join' } } });
}

/** Whoever holds `actor`'s session chooses everything others can see of the account. */
async function chooseEverything(actor: Actor) {
  await updateProfile({ actor, input: { name: actor.name, publicName: 'Not Maya At All', handle: 'not-maya', portfolioPublic: true, emailNotifications: true } });
  await setSchoolOnPortfolio({ actor, show: true });
  await setPortfolioHeadline({ actor, headline: 'Ask me for my password' });
  await setSharesWithColleagues({ actor, shares: true });
}

/** A stranger opens an account with Maya's address, asks to join the district, and chooses everything. */
async function strangerTakesTheAddress(districtId: string) {
  const squatter = await signUp({ name: 'Not Maya', email: 'maya@school.test', password: STRANGER_PASSWORD, districtId });
  await chooseEverything((await loadActor(squatter.id))!);
  expect(await choicesOf(squatter.id)).toMatchObject({ handle: 'not-maya', portfolioPublic: true, requestedDistrictId: districtId });
  expect(await getPublicPortfolio('not-maya')).not.toBeNull();
  return squatter;
}

async function resetLinkFromOutbox(to: string): Promise<string> {
  await runDueJobs(jobHandlers, 50);
  const mail = await db.emailMessage.findFirst({ where: { to, subject: 'Reset your Microcred password' }, orderBy: { createdAt: 'desc' } });
  const token = mail?.text.match(/\/reset-password\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no reset link sent to ${to}`);
  return token;
}

const signInNotice = async (password: string) => textJoined(renderToStaticMarkup((await SignInPage({ searchParams: Promise.resolve({ password }) })) as ReactElement));

describe('the owner takes back an unconfirmed account with a reset link', () => {
  it('forgets every choice made before, withdraws the district request untold, and says what was reset', async () => {
    const w = await world();
    const squatter = await strangerTakesTheAddress(w.district.id);
    // Unconfirmed: the request waits, told to nobody (ADR 010), but listed for the leaders.
    expect(await joinNotices()).toBe(0);
    expect((await listDistrictRequests({ actor: w.leader, districtId: w.district.id })).total).toBe(1);

    // Maya asks for a link and uses it.
    await requestPasswordReset({ email: 'maya@school.test' });
    const token = await resetLinkFromOutbox('maya@school.test');
    expect(await redirectOf(resetPasswordAction(initialActionState, form({ token, password: OWNER_PASSWORD, confirm: OWNER_PASSWORD })))).toBe('/sign-in?password=reset-settings');

    // Everything others could see of the stranger's choices is back as a new account has it...
    expect(await choicesOf(squatter.id)).toEqual(FRESH);
    expect(await getPublicPortfolio('not-maya')).toBeNull();
    // ...the request is gone, and no leader heard of it, in the app or by email.
    expect((await listDistrictRequests({ actor: w.leader, districtId: w.district.id })).total).toBe(0);
    expect(await joinNotices()).toBe(0);
    expect(await asksEmailed()).toBe(0);
    // The address is hers now, and the stranger's password is not.
    expect(await db.user.findUniqueOrThrow({ where: { id: squatter.id }, select: { emailVerified: true } })).toEqual({ emailVerified: expect.any(Date) });
    expect((await authenticate({ email: 'maya@school.test', password: STRANGER_PASSWORD })).ok).toBe(false);
    expect((await authenticate({ email: 'maya@school.test', password: OWNER_PASSWORD })).ok).toBe(true);

    // Maya is told what was reset: in the notice (and its email), and on the sign-in page she lands on.
    const notice = await db.notification.findFirstOrThrow({ where: { userId: squatter.id, kind: 'account.password_changed' }, select: { body: true } });
    expect(notice.body).toBe(`Every session of your account has been signed out. ${RESET_SENTENCE} Sign in again with your new password. If this was not you, reset your password now and tell your administrator.`);
    await runDueJobs(jobHandlers, 50);
    const mail = await db.emailMessage.findFirstOrThrow({ where: { to: 'maya@school.test', subject: 'Your password was changed' }, select: { text: true } });
    expect(mail.text.replace(/\s+/g, ' ')).toContain('your request to join Kettle Moraine (withdrawn; its leaders were not told)');
    expect(await signInNotice('reset-settings')).toContain('Your new password is saved. Sign in with it. Some settings chosen before your address was confirmed were reset, as someone else may have chosen them: your notifications say which.');
    expect(await db.auditLog.findMany({ where: { action: 'user.password_reset', entityId: squatter.id }, select: { data: true } })).toEqual([
      { data: { choicesReset: ['publicName', 'handle', 'portfolioPublic', 'portfolioShowsSchool', 'portfolioHeadline', 'sharesWithColleagues', 'districtRequest'] } },
    ]);

    // Now confirmed, her own request tells the leaders at once, and a later reset keeps it.
    const maya = (await loadActor(squatter.id))!;
    await requestDistrict({ actor: maya, districtId: w.district.id });
    expect(await joinNotices()).toBe(1);
    const again = (await issueAccountToken(squatter.id, 'PASSWORD_RESET', RESET_MINUTES))!;
    expect(await resetPassword({ token: again, password: 'yet another long password' })).toEqual({ email: 'maya@school.test' });
    expect(await choicesOf(squatter.id)).toMatchObject({ requestedDistrictId: w.district.id });
    expect(await joinNotices()).toBe(1);
  });

  it('with nothing chosen, nothing is said beyond the usual notice', async () => {
    const user = await signUp({ name: 'Kofi', email: 'kofi@school.test', password: STRANGER_PASSWORD });
    const token = (await issueAccountToken(user.id, 'PASSWORD_RESET', RESET_MINUTES))!;
    expect(await redirectOf(resetPasswordAction(initialActionState, form({ token, password: OWNER_PASSWORD, confirm: OWNER_PASSWORD })))).toBe('/sign-in?password=reset');
    expect(await db.notification.findMany({ where: { userId: user.id, kind: 'account.password_changed' }, select: { body: true } })).toEqual([
      { body: 'Every session of your account has been signed out. Sign in again with your new password. If this was not you, reset your password now and tell your administrator.' },
    ]);
  });

  it('an account an issuer’s import opened (no password, nobody could sign in) keeps the import’s request', async () => {
    const w = await world();
    const imported = await db.user.create({ data: { email: 'ida@school.test', name: 'Ida', requestedDistrictId: w.district.id, districtRequestedAt: new Date() }, select: { id: true } });
    const token = (await issueAccountToken(imported.id, 'PASSWORD_RESET', RESET_MINUTES))!;
    expect(await resetPassword({ token, password: OWNER_PASSWORD })).toEqual({ email: 'ida@school.test' });
    expect(await choicesOf(imported.id)).toMatchObject({ requestedDistrictId: w.district.id });
    // Its leaders were told at the import, not again now.
    expect(await joinNotices()).toBe(0);
  });
});

describe('the owner takes back an unconfirmed account with a school sign-in', () => {
  it('forgets the same choices, tells no leader, and the sign-in notice says what was reset', async () => {
    const w = await world();
    const squatter = await strangerTakesTheAddress(w.district.id);
    const owner = await upsertOidcUser({ provider: 'google', providerAccountId: 'g-maya', email: 'maya@school.test', name: 'Maya Okafor', emailVouched: true });
    expect(owner.id).toBe(squatter.id);
    expect(await choicesOf(squatter.id)).toEqual(FRESH);
    expect(await getPublicPortfolio('not-maya')).toBeNull();
    expect((await listDistrictRequests({ actor: w.leader, districtId: w.district.id })).total).toBe(0);
    expect(await joinNotices()).toBe(0);
    expect(await asksEmailed()).toBe(0);
    expect((await authenticate({ email: 'maya@school.test', password: STRANGER_PASSWORD })).ok).toBe(false);

    const notice = await db.notification.findFirstOrThrow({ where: { userId: owner.id, kind: 'account.sign_in_linked' }, select: { body: true } });
    expect(notice.body).toContain(`so it was removed, and every other session was signed out. ${RESET_SENTENCE} To have a password as well`);
    expect(await db.auditLog.findMany({ where: { action: 'user.sign_in_link', entityId: owner.id }, select: { data: true } })).toEqual([
      { data: { provider: 'Google', passwordRemoved: true, choicesReset: ['publicName', 'handle', 'portfolioPublic', 'portfolioShowsSchool', 'portfolioHeadline', 'sharesWithColleagues', 'districtRequest'] } },
    ]);

    // Signing in with it again changes nothing more.
    await chooseEverything((await loadActor(owner.id))!);
    await upsertOidcUser({ provider: 'google', providerAccountId: 'g-maya', email: 'maya@school.test', name: 'Maya Okafor', emailVouched: true });
    expect(await choicesOf(owner.id)).toMatchObject({ handle: 'not-maya', portfolioPublic: true, sharesWithColleagues: true });
  });
});

describe('a confirmed account is its owner’s: nothing is forgotten', () => {
  async function confirmedWithEverything(districtId: string) {
    const maya = await createActor({ name: 'Maya', email: 'maya@school.test', password: STRANGER_PASSWORD });
    await chooseEverything(maya);
    await requestDistrict({ actor: maya, districtId });
    const before = await choicesOf(maya.id);
    expect(before).toMatchObject({ handle: 'not-maya', requestedDistrictId: districtId, sharesWithColleagues: true });
    return { maya, before };
  }

  it('a reset keeps every choice and the request, and says nothing about settings', async () => {
    const w = await world();
    const { maya, before } = await confirmedWithEverything(w.district.id);
    // Asked from a confirmed address, the request was told at once.
    expect(await joinNotices()).toBe(1);
    const token = (await issueAccountToken(maya.id, 'PASSWORD_RESET', RESET_MINUTES))!;
    expect(await redirectOf(resetPasswordAction(initialActionState, form({ token, password: OWNER_PASSWORD, confirm: OWNER_PASSWORD })))).toBe('/sign-in?password=reset');
    expect(await choicesOf(maya.id)).toEqual(before);
    expect(await getPublicPortfolio('not-maya')).not.toBeNull();
    expect(await joinNotices()).toBe(1);
    const notice = await db.notification.findFirstOrThrow({ where: { userId: maya.id, kind: 'account.password_changed' }, select: { body: true } });
    expect(notice.body).not.toContain('reset:');
    expect(await db.auditLog.findMany({ where: { action: 'user.password_reset', entityId: maya.id }, select: { data: true } })).toEqual([{ data: {} }]);
    expect(await signInNotice('reset')).toContain('Your new password is saved. Sign in with it.');
  });

  it('linking a school sign-in keeps them too', async () => {
    const w = await world();
    const { maya, before } = await confirmedWithEverything(w.district.id);
    await upsertOidcUser({ provider: 'google', providerAccountId: 'g-maya', email: 'maya@school.test', name: 'Maya', emailVouched: true });
    expect(await choicesOf(maya.id)).toEqual(before);
    expect(await joinNotices()).toBe(1);
  });
});

describe('a reset link not used yet stops working', () => {
  it('once the password is changed', async () => {
    const jo = await createActor({ email: 'jo@school.test', password: STRANGER_PASSWORD });
    await requestPasswordReset({ email: 'jo@school.test' });
    const link = await resetLinkFromOutbox('jo@school.test');
    expect((await readAccountToken(link, 'PASSWORD_RESET')).state).toBe('valid');

    await changePassword({ actor: jo, current: STRANGER_PASSWORD, password: OWNER_PASSWORD });
    expect((await readAccountToken(link, 'PASSWORD_RESET')).state).toBe('used');
    await expect(resetPassword({ token: link, password: 'someone else’s password here' })).rejects.toMatchObject({ code: 'INVALID_STATE', message: USED });
    expect((await authenticate({ email: 'jo@school.test', password: OWNER_PASSWORD })).ok).toBe(true);
    // A link asked for after the change works.
    const later = (await issueAccountToken(jo.id, 'PASSWORD_RESET', RESET_MINUTES))!;
    expect((await readAccountToken(later, 'PASSWORD_RESET')).state).toBe('valid');
  });

  it('once the account is signed out on every device; a confirmation link is left alone', async () => {
    const ann = await createActor({ email: 'ann@school.test', password: STRANGER_PASSWORD, emailVerified: false });
    await requestPasswordReset({ email: 'ann@school.test' });
    const link = await resetLinkFromOutbox('ann@school.test');
    const confirmation = (await issueAccountToken(ann.id, 'EMAIL_VERIFICATION', 60))!;

    await signOutEverywhere({ actor: ann });
    expect((await readAccountToken(link, 'PASSWORD_RESET')).state).toBe('used');
    await expect(resetPassword({ token: link, password: 'someone else’s password here' })).rejects.toMatchObject({ code: 'INVALID_STATE', message: USED });
    expect((await authenticate({ email: 'ann@school.test', password: STRANGER_PASSWORD })).ok).toBe(true);
    // Only reset links: confirming the address still needs the signed-in owner anyway.
    expect(await db.accountToken.count({ where: { userId: ann.id, purpose: 'EMAIL_VERIFICATION', usedAt: null } })).toBe(1);
    expect(confirmation).toBeTruthy();
  });
});
