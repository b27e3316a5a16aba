// A stranger's password must not survive on an account its real owner goes on to use. The attack:
// someone signs up with a teacher's address and a password of their own; the sign-up emails the
// teacher a confirmation link; the teacher clicks it; later the teacher uses "Continue with
// Google", which links Google to that account; the stranger keeps signing in with the password and
// sees everything, roles the teacher accepts later included. Against Postgres with the real job
// queue and outbox: a confirmation link confirms only for the person signed in to its account, and
// linking a sign-in provider to an account with a password ends its other sessions and tells the
// owner. Also: "Sign out on every device" on the account page.
import type { ReactElement } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { authenticate, signUp, upsertOidcUser } from '@/lib/auth/accounts';
import { confirmEmail, getVerificationLink, isEmailVerified, LINK_FOR_ANOTHER_ACCOUNT, SIGN_IN_TO_CONFIRM } from '@/lib/auth/email-verification';
import { redeemAccountToken } from '@/lib/auth/account-tokens';
import { loadActor } from '@/lib/auth/load-actor';
import { signOutEverywhere } from '@/lib/auth/sign-out-everywhere';
import { initialActionState } from '@/lib/action-result';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runDueJobs } from '@/lib/jobs/queue';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form, redirectOf } from '../setup/actions';
import { textJoined } from '../setup/html';
import { createActor } from '../factories';

// Outside a request there is no session cookie: who is signed in is set per test.
vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
// next-auth itself does not load outside Next: the sign-in page's form only needs its error class.
const { AuthError, signOut } = vi.hoisted(() => ({ AuthError: class AuthError extends Error {}, signOut: vi.fn(async () => undefined) }));
vi.mock('next-auth', () => ({ AuthError }));
vi.mock('@/lib/auth/config', () => ({ signOut, signIn: async () => undefined, oidcProviders: () => [] }));

const { default: VerifyEmailPage } = await import('@/app/verify-email/[token]/page');
const { confirmEmailAction, signOutForLinkAction } = await import('@/app/verify-email/[token]/actions');
const { default: SignInPage } = await import('@/app/sign-in/page');
const { default: AccountPage } = await import('@/app/account/page');
const { signOutEverywhereAction } = await import('@/app/account/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
  signOut.mockClear();
});

const PASSWORD = 'the stranger’s own password';
const render = async (page: Promise<ReactElement>) => renderToStaticMarkup(await page);
const verifyPage = (token: string) => VerifyEmailPage({ params: Promise.resolve({ token }) });
const sessionVersionOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true } })).sessionVersion;

async function linkFromOutbox(to: string): Promise<string> {
  await runDueJobs(jobHandlers, 50);
  const mail = await db.emailMessage.findFirst({ where: { to, text: { contains: '/verify-email/' } }, orderBy: { createdAt: 'desc' } });
  const token = mail?.text.match(/\/verify-email\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no confirmation link sent to ${to}`);
  return token;
}

describe('a confirmation link confirms only for the person signed in to its account', () => {
  it('the attack, step by step: the owner’s click and later Google sign-in leave the stranger’s password with nothing', async () => {
    // 1. A stranger signs up with the teacher's address and a password of their own, and stays signed in.
    const squatter = await signUp({ name: 'Not Maya', email: 'maya@school.test', password: PASSWORD });
    const squatterSession = (await loadActor(squatter.id, squatter.sessionVersion))!;
    // 2. The sign-up emails the teacher a link.
    const token = await linkFromOutbox('maya@school.test');

    // 3. The teacher clicks it, signed out (she has no password for this account): nothing is
    // confirmed; she is sent to sign in, and the sign-in page says why.
    expect(await redirectOf(verifyPage(token))).toBe(`/sign-in?callbackUrl=${encodeURIComponent(`/verify-email/${token}`)}`);
    const result = await confirmEmailAction(initialActionState, form({ token }));
    expect(result).toEqual({ ok: false, formError: SIGN_IN_TO_CONFIRM });
    await expect(confirmEmail({ token, actor: null })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await isEmailVerified(squatter.id)).toBe(false);
    const signIn = textJoined(await render(SignInPage({ searchParams: Promise.resolve({ callbackUrl: `/verify-email/${token}` }) })));
    expect(signIn).toContain('Sign in to confirm your address');
    expect(signIn).toContain('Forgot your password?');
    // Even signed in to an account of her own, the link is not hers to use for another: the page
    // says so without naming the account, and offers to sign out.
    const herOtherAccount = await createActor({ email: 'maya.okafor@gmail.test', password: 'her own password here' });
    session.actor = herOtherAccount;
    const other = await render(verifyPage(token));
    expect(textJoined(other)).toContain('This link is for another account');
    expect(other).not.toContain('maya@school.test');
    expect(other).not.toContain('Confirm my email address');
    expect(other).toMatch(/<form[\s\S]*name="token"[\s\S]*Sign out, then sign in to the other account[\s\S]*<\/form>/);
    expect(await confirmEmailAction(initialActionState, form({ token }))).toEqual({ ok: false, formError: LINK_FOR_ANOTHER_ACCOUNT });
    await expect(confirmEmail({ token, actor: herOtherAccount })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await isEmailVerified(squatter.id)).toBe(false);
    expect(await getVerificationLink({ token, actor: herOtherAccount })).toEqual({ state: 'valid', signedIn: 'another' });
    // Signing out from there comes back to sign in, on the way to the link.
    expect(await redirectOf(signOutForLinkAction(form({ token })))).toBe(`/sign-in?callbackUrl=${encodeURIComponent(`/verify-email/${token}`)}`);
    expect(signOut).toHaveBeenCalledTimes(1);
    session.actor = null;

    // 4. Later she uses "Continue with Google". The address was never confirmed, so the stranger's
    // password goes, and so does their session.
    const owner = await upsertOidcUser({ provider: 'google', providerAccountId: 'g-maya', email: 'maya@school.test', name: 'Maya Okafor' });
    expect(owner.id).toBe(squatter.id);
    expect((await authenticate({ email: 'maya@school.test', password: PASSWORD })).ok).toBe(false);
    expect(await loadActor(squatterSession.id, squatter.sessionVersion)).toBeNull();
    // Her own sign-in holds the new session version.
    expect(await loadActor(owner.id, owner.sessionVersion)).not.toBeNull();
  });

  it('the same link, clicked right after sign-up in the same browser (signed in), confirms with one press', async () => {
    const user = await signUp({ name: 'Kofi Mensah', email: 'kofi@school.test', password: 'a long enough password' });
    const token = await linkFromOutbox('kofi@school.test');
    // Sign-up signs the new account in (app/sign-up/actions.ts).
    session.actor = (await loadActor(user.id, user.sessionVersion))!;
    expect(await getVerificationLink({ token, actor: session.actor })).toEqual({ state: 'valid', signedIn: 'yours' });
    const html = await render(verifyPage(token));
    expect(html).toContain('Confirm my email address');
    expect(html).not.toContain('This link is for another account');
    expect(await redirectOf(confirmEmailAction(initialActionState, form({ token })))).toBe('/verify-email/confirmed');
    expect(await isEmailVerified(user.id)).toBe(true);
    expect(await db.auditLog.count({ where: { action: 'user.email_verified', entityId: user.id } })).toBe(1);
  });

  it('signed out with a link that cannot be used: the page says why, and sends no one to sign in', async () => {
    const html = textJoined(await render(verifyPage('not-a-real-link')));
    expect(html).toContain('This link is not valid');
  });

  it('the link’s redemption itself refuses anyone signed in to another account', async () => {
    const owner = await createActor({ email: 'ana@school.test', password: 'ana has a password', emailVerified: false });
    const row = { id: 'unused', userId: owner.id };
    await expect(db.$transaction((tx) => redeemAccountToken(tx, row, { unknown: 'u', used: 'used', expired: 'e' }, new Date(), { signedInAs: null }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(db.$transaction((tx) => redeemAccountToken(tx, row, { unknown: 'u', used: 'used', expired: 'e' }, new Date(), { signedInAs: 'someone-else' }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await isEmailVerified(owner.id)).toBe(false);
  });
});

describe('linking a sign-in provider to an account with a password', () => {
  it('ends the account’s other sessions, keeps this sign-in signed in, and tells the owner', async () => {
    const teacher = await createActor({ email: 'lee@school.test', password: 'lee has a password' });
    const before = await sessionVersionOf(teacher.id);
    expect(await loadActor(teacher.id, before)).not.toBeNull();

    const signedIn = await upsertOidcUser({ provider: 'google', providerAccountId: 'g-lee', email: 'lee@school.test', name: 'Lee' });
    expect(signedIn.id).toBe(teacher.id);
    // Every session from before ends (a copied one, or someone else's who knows the password)...
    expect(await sessionVersionOf(teacher.id)).toBe(before + 1);
    expect(await loadActor(teacher.id, before)).toBeNull();
    // ...and the Google sign-in itself carries the new version (lib/auth/config.ts puts it in the token).
    expect(signedIn.sessionVersion).toBe(before + 1);
    expect(await loadActor(teacher.id, signedIn.sessionVersion)).not.toBeNull();
    // A confirmed account keeps its password.
    expect((await authenticate({ email: 'lee@school.test', password: 'lee has a password' })).ok).toBe(true);

    // The owner is told, in the app and by email (whatever their email setting: it is the account's security).
    await db.user.update({ where: { id: teacher.id }, data: { emailNotifications: false } });
    const notice = await db.notification.findFirstOrThrow({ where: { userId: teacher.id, kind: 'account.sign_in_linked' }, select: { title: true, body: true, href: true } });
    expect(notice.title).toBe('Google sign-in was added to your account');
    expect(notice.body).toContain('every other session was signed out');
    expect(notice.body).toContain('If it was not, reset your password now');
    expect(notice.href).toBe('/account');
    await runDueJobs(jobHandlers, 50);
    const mail = await db.emailMessage.findFirstOrThrow({ where: { to: 'lee@school.test', subject: 'Google sign-in was added to your account' }, select: { text: true } });
    expect(mail.text).toContain('If it was not, reset your password now');
    expect(await db.auditLog.findMany({ where: { action: 'user.sign_in_link', entityId: teacher.id }, select: { actorId: true, data: true } })).toEqual([{ actorId: teacher.id, data: { provider: 'Google', passwordRemoved: false } }]);

    // Signing in again with the linked provider changes nothing.
    const again = await upsertOidcUser({ provider: 'google', providerAccountId: 'g-lee', email: 'lee@school.test', name: 'Lee' });
    expect(again.sessionVersion).toBe(before + 1);
    expect(await db.notification.count({ where: { userId: teacher.id, kind: 'account.sign_in_linked' } })).toBe(1);
  });

  it('an account without a password (school sign-in only) gains a second provider without losing its sessions', async () => {
    const first = await upsertOidcUser({ provider: 'google', providerAccountId: 'g-ola', email: 'ola@school.test', name: 'Ola' });
    const second = await upsertOidcUser({ provider: 'microsoft-entra-id', providerAccountId: 'm-ola', email: 'ola@school.test', name: 'Ola' });
    expect(second).toMatchObject({ id: first.id, sessionVersion: first.sessionVersion });
    expect(await db.notification.count({ where: { userId: first.id } })).toBe(0);
  });

  it('an unconfirmed account’s password is removed, and the owner is told how to have one again', async () => {
    const squatter = await signUp({ name: 'Not Sam', email: 'sam@school.test', password: PASSWORD });
    const owner = await upsertOidcUser({ provider: 'microsoft-entra-id', providerAccountId: 'm-sam', email: 'sam@school.test', name: 'Sam' });
    expect(owner.sessionVersion).toBe(squatter.sessionVersion + 1);
    const notice = await db.notification.findFirstOrThrow({ where: { userId: owner.id, kind: 'account.sign_in_linked' }, select: { title: true, body: true } });
    expect(notice.title).toBe('Microsoft sign-in was added to your account');
    expect(notice.body).toContain('so it was removed');
    expect(notice.body).toContain('Forgot your password?');
  });
});

describe('“Sign out on every device” (account page)', () => {
  it('ends every session of the account, this one included, and sends the person to sign in with a notice', async () => {
    const teacher = await createActor({ email: 'rosa@school.test', password: 'rosa has a password' });
    const before = await sessionVersionOf(teacher.id);
    session.actor = teacher;
    const page = await render(AccountPage());
    // A form of its own, named by its heading, with a button that says what it does.
    expect(page).toMatch(/<form[^>]*aria-labelledby="sign-out-everywhere-heading"[\s\S]*<h2 id="sign-out-everywhere-heading"[^>]*>Sign out on every device<\/h2>[\s\S]*<button type="submit"[^>]*>Sign me out on every device<\/button>/);
    expect(textJoined(page)).toContain('Your password stays the same: sign in again with it.');

    expect(await redirectOf(signOutEverywhereAction())).toBe('/sign-in?account=signed-out');
    expect(signOut).toHaveBeenCalledTimes(1);
    // The session this browser held, and any copy of it, no longer loads.
    expect(await sessionVersionOf(teacher.id)).toBe(before + 1);
    expect(await loadActor(teacher.id, before)).toBeNull();
    expect(await db.auditLog.findMany({ where: { action: 'user.sign_out_everywhere' }, select: { actorId: true, entityId: true } })).toEqual([{ actorId: teacher.id, entityId: teacher.id }]);
    // The password still works.
    expect((await authenticate({ email: 'rosa@school.test', password: 'rosa has a password' })).ok).toBe(true);

    session.actor = null;
    const signIn = textJoined(await render(SignInPage({ searchParams: Promise.resolve({ account: 'signed-out' }) })));
    expect(signIn).toContain('You were signed out on every device, this one too.');
    // A made-up notice name shows nothing (and does not break the page).
    const odd = textJoined(await render(SignInPage({ searchParams: Promise.resolve({ account: '__proto__', password: 'constructor' }) })));
    expect(odd).not.toContain('You were signed out');
  });

  it('with a session that has already ended, nothing changes and the person is told', async () => {
    const result = await signOutEverywhereAction();
    expect(result).toMatchObject({ ok: false, formError: expect.stringContaining('Sign in again') });
    expect(signOut).not.toHaveBeenCalled();
  });

  it('the domain function alone raises the version once per call', async () => {
    const teacher = await createActor();
    const before = await sessionVersionOf(teacher.id);
    await signOutEverywhere({ actor: teacher });
    expect(await sessionVersionOf(teacher.id)).toBe(before + 1);
  });
});
