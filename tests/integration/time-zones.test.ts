// Times in each person's own zone (ADR 023), against Postgres: the browser's zone is kept at sign-in,
// sign-up or accepting an invitation while the account has none, and never replaces one already
// there; the account page's "Time zone" saves a listed zone, or "Not set", which nothing fills in
// again from the browser, for the signed-in person only; pages then show times of day in it,
// without asking the database again (the actor carries it).
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { authenticate, signUp } from '@/lib/auth/accounts';
import { loadActor } from '@/lib/auth/load-actor';
import { SignInInput } from '@/lib/auth/schemas';
import { inviteMember } from '@/lib/people/mutations';
import { clearOwnTimeZone } from '@/lib/auth/time-zone';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form, redirectOf } from '../setup/actions';
import { createActor, createOrg, invitationTokenFor } from '../factories';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
// next-auth itself does not load outside Next: the sign-in action only needs its error class.
const { AuthError } = vi.hoisted(() => ({ AuthError: class AuthError extends Error {} }));
vi.mock('next-auth', () => ({ AuthError }));
// Outside a request Auth.js cannot run: its credentials sign-in is what lib/auth/config.ts's
// authorize() does with the posted fields, which is this (the same schema, then authenticate).
vi.mock('@/lib/auth/config', () => ({
  signOut: async () => undefined,
  signIn: async (_provider: string, fields: Record<string, unknown>) => {
    const parsed = SignInInput.safeParse(fields);
    if (!parsed.success || !(await authenticate(parsed.data)).ok) throw new AuthError('CredentialsSignin');
  },
}));

const { signInAction } = await import('@/app/sign-in/actions');
const { signUpAction } = await import('@/app/sign-up/actions');
const { acceptNewAccountAction } = await import('@/app/invitations/[token]/actions');
const { setTimeZoneAction } = await import('@/app/account/actions');
const { rememberTimeZoneAction } = await import('@/app/actions');
const { default: AdminHomePage } = await import('@/app/admin/page');
const { default: AccountPage } = await import('@/app/account/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const PASSWORD = 'a long enough password';
const zoneOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id }, select: { timeZone: true } })).timeZone;
const render = async (page: Promise<ReactElement>) => renderToStaticMarkup(await page);

describe('the browser’s zone, kept at sign-in', () => {
  it('is stored when the account has none, and a later sign-in from elsewhere does not replace it', async () => {
    const user = await createActor({ email: 'rosa@school.test', password: PASSWORD });
    expect(await zoneOf(user.id)).toBeNull();

    const to = await redirectOf(signInAction({ ok: true }, form({ email: 'rosa@school.test', password: PASSWORD, timeZone: 'America/Chicago' })));
    expect(to).toBe('/dashboard');
    expect(await zoneOf(user.id)).toBe('America/Chicago');
    // Pages read it from the signed-in person, loaded once per request.
    expect((await loadActor(user.id))!.timeZone).toBe('America/Chicago');

    // Travelling: a browser in London signs in; the zone the account has stays.
    await redirectOf(signInAction({ ok: true }, form({ email: 'rosa@school.test', password: PASSWORD, timeZone: 'Europe/London' })));
    expect(await zoneOf(user.id)).toBe('America/Chicago');
  });

  it('never replaces a zone the person chose on their account page', async () => {
    const user = await createActor({ email: 'sam@school.test', password: PASSWORD });
    session.actor = user;
    expect(await setTimeZoneAction({ ok: true }, form({ timeZone: 'Pacific/Auckland' }))).toMatchObject({ ok: true });
    expect(await authenticate({ email: 'sam@school.test', password: PASSWORD, timeZone: 'America/New_York' })).toMatchObject({ ok: true });
    expect(await zoneOf(user.id)).toBe('Pacific/Auckland');
  });

  it('is not stored by a wrong password, and a zone that is not one neither refuses the sign-in nor is stored', async () => {
    const user = await createActor({ email: 'ivy@school.test', password: PASSWORD });
    const refused = await signInAction({ ok: true }, form({ email: 'ivy@school.test', password: 'not the password', timeZone: 'America/Chicago' }));
    expect(refused).toEqual({ ok: false, formError: 'That email and password do not match an account.' });
    expect(await zoneOf(user.id)).toBeNull();

    await redirectOf(signInAction({ ok: true }, form({ email: 'ivy@school.test', password: PASSWORD, timeZone: '<script>alert(1)</script>' })));
    expect(await zoneOf(user.id)).toBeNull();
    // Without scripts the hidden field is empty: signed in, no zone.
    await redirectOf(signInAction({ ok: true }, form({ email: 'ivy@school.test', password: PASSWORD, timeZone: '' })));
    expect(await zoneOf(user.id)).toBeNull();
  });

  it('is the new account’s zone on sign-up and on accepting an invitation', async () => {
    expect(await redirectOf(signUpAction({ ok: true }, form({ name: 'Nia Obi', email: 'nia@school.test', password: PASSWORD, timeZone: 'America/Denver' })))).toBe('/dashboard?welcome=1');
    const nia = await db.user.findUniqueOrThrow({ where: { email: 'nia@school.test' }, select: { timeZone: true } });
    expect(nia.timeZone).toBe('America/Denver');
    // Without a zone (no scripts), the account simply has none.
    const plain = await signUp({ name: 'Pat', email: 'pat@school.test', password: PASSWORD });
    expect(await zoneOf(plain.id)).toBeNull();

    const issuer = await createOrg({ kind: 'ISSUER' });
    const admin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    await inviteMember({ actor: admin, organizationId: issuer.id, email: 'omar@school.test', role: 'REVIEWER' });
    const token = (await invitationTokenFor('omar@school.test'))!;
    await redirectOf(acceptNewAccountAction({ ok: true }, form({ token, name: 'Omar', password: PASSWORD, timeZone: 'Asia/Tokyo' })));
    expect((await db.user.findUniqueOrThrow({ where: { email: 'omar@school.test' }, select: { timeZone: true } })).timeZone).toBe('Asia/Tokyo');
  });
});

describe('the account page’s "Time zone"', () => {
  it('saves a listed zone for the signed-in person, and nobody else', async () => {
    const me = await createActor();
    const other = await createActor();
    await db.user.update({ where: { id: other.id }, data: { timeZone: 'Europe/Berlin' } });
    session.actor = me;

    // A form posted with someone else's id changes nothing of theirs: the action takes no user.
    const result = await setTimeZoneAction({ ok: true }, form({ timeZone: 'America/Chicago', userId: other.id, id: other.id }));
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/^Saved\. Times are now shown in Chicago time \(America\), where it is \d\d:\d\d now\.$/) });
    expect(await zoneOf(me.id)).toBe('America/Chicago');
    expect(await zoneOf(other.id)).toBe('Europe/Berlin');
  });

  it('refuses what is not a zone, on its field, and keeps the one saved before', async () => {
    const me = await createActor();
    session.actor = me;
    await setTimeZoneAction({ ok: true }, form({ timeZone: 'Europe/London' }));
    for (const bad of ['Mars/Olympus_Mons', '', 'Europe/London; DROP TABLE "User"']) {
      expect(await setTimeZoneAction({ ok: true }, form({ timeZone: bad }))).toEqual({
        ok: false,
        formError: 'Some fields need attention.',
        fieldErrors: { timeZone: ['Choose a time zone from the list.'] },
      });
    }
    expect(await zoneOf(me.id)).toBe('Europe/London');
  });

  it('needs someone signed in', async () => {
    expect(await setTimeZoneAction({ ok: true }, form({ timeZone: 'UTC' }))).toMatchObject({ ok: false, formError: expect.stringMatching(/session has ended/) });
  });

  it('shows the zone saved, selected, in a list grouped by region', async () => {
    const me = await createActor();
    session.actor = me;
    const unset = await render(AccountPage());
    expect(unset).toContain('Not set yet, so times on this site are shown in UTC.');
    // "Not set" heads the list, chosen while there is no zone.
    expect(unset).toMatch(/<select id="timeZone" name="timeZone"[^>]*><option value="none" selected="">Not set \(times in UTC\)<\/option><optgroup label="Universal">/);

    await setTimeZoneAction({ ok: true }, form({ timeZone: 'America/Chicago' }));
    session.actor = (await loadActor(me.id))!;
    const set = await render(AccountPage());
    expect(set).toMatch(/<label for="timeZone"[^>]*>Time zone<\/label>/);
    expect(set).toContain('<optgroup label="America">');
    expect(set).toMatch(/<option value="America\/Chicago" selected="">Chicago<\/option>/);
    expect(set).toContain('<option value="none">Not set (times in UTC)</option>');
  });
});

describe('"Not set" on the account page', () => {
  it('takes the signed-in person, and nobody else, back to no zone, says what that means, and their pages show UTC, marked', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const admin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const other = await createActor();
    await db.user.update({ where: { id: other.id }, data: { timeZone: 'Europe/Berlin' } });
    await db.auditLog.create({ data: { actorId: admin.id, action: 'people.invite', entityType: 'Invitation', entityId: 'inv1', organizationId: issuer.id, data: { email: 'x@school.test', role: 'REVIEWER' }, at: new Date('2026-11-25T12:58:00Z') } });
    session.actor = admin;
    await setTimeZoneAction({ ok: true }, form({ timeZone: 'America/Chicago' }));
    expect(await zoneOf(admin.id)).toBe('America/Chicago');

    const result = await setTimeZoneAction({ ok: true }, form({ timeZone: 'none', userId: other.id }));
    expect(result).toEqual({
      ok: true,
      message: expect.stringMatching(/^Saved\. No time zone is kept for you, so times are shown in UTC and marked “UTC”: it is \d\d:\d\d UTC now\. This site will not set one from your browser; choose one here whenever you like\.$/),
    });
    // Told apart from "not known yet" (null), which the browser's zone may still fill.
    expect(await zoneOf(admin.id)).toBe('');
    expect(await zoneOf(other.id)).toBe('Europe/Berlin');

    session.actor = (await loadActor(admin.id))!;
    expect(await render(AdminHomePage())).toContain('>25 Nov, 12:58 UTC</time>');
    const account = await render(AccountPage());
    expect(account).toContain('Not set, as you chose: times on this site are shown in UTC, marked “UTC”.');
    expect(account).toContain('<option value="none" selected="">Not set (times in UTC)</option>');
    expect(account).not.toMatch(/<option value="[^"]+\/[^"]+" selected="">/);
  });

  it('is not filled in again from the browser, by the layout’s capture or the next sign-in, until the person chooses a zone', async () => {
    const user = await createActor({ email: 'lee@school.test', password: PASSWORD });
    session.actor = user;
    await setTimeZoneAction({ ok: true }, form({ timeZone: 'Asia/Tokyo' }));
    expect(await setTimeZoneAction({ ok: true }, form({ timeZone: 'none' }))).toMatchObject({ ok: true });

    // The next page: the layout's TimeZoneCapture sends the browser's zone; it is not kept.
    session.actor = (await loadActor(user.id))!;
    expect(await rememberTimeZoneAction('America/Chicago')).toBe(false);
    expect(await zoneOf(user.id)).toBe('');
    // Signing in again, with the browser's zone in the form: still none.
    expect(await redirectOf(signInAction({ ok: true }, form({ email: 'lee@school.test', password: PASSWORD, timeZone: 'America/Chicago' })))).toBe('/dashboard');
    expect(await authenticate({ email: 'lee@school.test', password: PASSWORD, timeZone: 'Europe/London' })).toMatchObject({ ok: true });
    expect(await zoneOf(user.id)).toBe('');

    // Chosen again on the account page, it is kept as ever.
    expect(await setTimeZoneAction({ ok: true }, form({ timeZone: 'Europe/London' }))).toMatchObject({ ok: true });
    expect(await zoneOf(user.id)).toBe('Europe/London');
  });

  it('is saved by clearOwnTimeZone for the person acting alone, and refused without a session', async () => {
    const me = await createActor();
    await db.user.update({ where: { id: me.id }, data: { timeZone: 'America/Denver' } });
    await clearOwnTimeZone({ actor: me });
    expect(await zoneOf(me.id)).toBe('');
    await db.user.update({ where: { id: me.id }, data: { timeZone: 'America/Denver' } });
    expect(await setTimeZoneAction({ ok: true }, form({ timeZone: 'none' }))).toMatchObject({ ok: false, formError: expect.stringMatching(/session has ended/) });
    expect(await zoneOf(me.id)).toBe('America/Denver');
  });
});

describe('pages, in the reader’s zone', () => {
  it('the admin home’s recent activity: local time for an admin with a zone, UTC labelled for one without', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const admin = await createActor({ name: 'Ada Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    // The log is append-only: the entry is written with its time.
    await db.auditLog.create({ data: { actorId: admin.id, action: 'people.invite', entityType: 'Invitation', entityId: 'inv1', organizationId: issuer.id, data: { email: 'x@school.test', role: 'REVIEWER' }, at: new Date('2026-11-25T12:58:00Z') } });

    session.actor = admin;
    const utc = await render(AdminHomePage());
    expect(utc).toContain('<time dateTime="2026-11-25T12:58:00.000Z" class="shrink-0 text-slate-600">25 Nov, 12:58 UTC</time>');

    await db.user.update({ where: { id: admin.id }, data: { timeZone: 'America/Chicago' } });
    session.actor = (await loadActor(admin.id))!;
    const chicago = await render(AdminHomePage());
    expect(chicago).toContain('<time dateTime="2026-11-25T12:58:00.000Z" class="shrink-0 text-slate-600">25 Nov, 06:58</time>');
    expect(chicago).not.toContain('12:58 UTC');
  });
});

describe('someone already signed in with no zone yet (a school account, or a session from before zones)', () => {
  it('has the browser’s zone kept once, never over one already there, and nothing kept for a bad name or without a session', async () => {
    const ann = await createActor({ name: 'Ann' });
    const zoneOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id }, select: { timeZone: true } })).timeZone;
    session.actor = ann;
    for (const bad of ['Mars/Olympus', '', 42, null, '<script>']) expect(await rememberTimeZoneAction(bad)).toBe(false);
    expect(await zoneOf(ann.id)).toBeNull();
    expect(await rememberTimeZoneAction('America/Chicago')).toBe(true);
    expect(await zoneOf(ann.id)).toBe('America/Chicago');
    // Another browser (or the same, again) later: the zone stays.
    session.actor = (await loadActor(ann.id))!;
    expect(await rememberTimeZoneAction('Europe/London')).toBe(false);
    expect(await zoneOf(ann.id)).toBe('America/Chicago');
    // Nobody signed in: refused, nothing written anywhere.
    session.actor = null;
    await expect(rememberTimeZoneAction('Europe/London')).rejects.toThrow();
  });
});
