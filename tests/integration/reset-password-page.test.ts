// The page an emailed reset link opens (/reset-password/{token}): for a link that works, the form
// carries the account's address in a read-only field marked autocomplete="username", inside the
// form, so a password manager saves the new password under the right account; the page also says
// which account it is. A link that is unknown, used or expired names no one, and is not a dead end:
// the page says why and offers the "Forgot your password?" request form right there; a link that
// runs out while its form is open says so on saving, and the page then offers the request form.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { initialActionState } from '@/lib/action-result';
import { issueAccountToken } from '@/lib/auth/account-tokens';
import { RESET_MINUTES } from '@/lib/auth/password-reset';
import { resetDatabase } from '../setup/db';
import { form } from '../setup/actions';
import { textJoined } from '../setup/html';
import { createActor } from '../factories';

vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: ResetPasswordPage } = await import('@/app/reset-password/[token]/page');
const { resetPasswordAction } = await import('@/app/reset-password/[token]/actions');

beforeEach(resetDatabase);

const page = async (token: string) => renderToStaticMarkup(await ResetPasswordPage({ params: Promise.resolve({ token }) }));
// HTML attribute names are case-insensitive (React writes `autoComplete`, `readOnly`).
/** The form's username field, if any: an input with autocomplete="username". */
const usernameField = (html: string) => /<form[\s\S]*?(<input(?=[^>]*autocomplete="username")[^>]*>)[\s\S]*?<\/form>/i.exec(html)?.[1] ?? null;
/** Whether the page offers the "Forgot your password?" form: one address field and its button, in a form. */
const offersRequestForm = (html: string) =>
  /<form[\s\S]*<input(?=[^>]*name="email")(?=[^>]*type="email")(?=[^>]*autocomplete="email")[^>]*>[\s\S]*Email me a link[\s\S]*<\/form>/i.test(html);

describe('the reset-password page: password managers, and links that cannot be used', () => {
  it('puts the account’s address in the form, read-only, for a link that works', async () => {
    const teacher = await createActor({ email: 'maya.reset@school.test' });
    const token = (await issueAccountToken(teacher.id, 'PASSWORD_RESET', RESET_MINUTES))!;
    const html = await page(token);
    const field = usernameField(html);
    expect(field).not.toBeNull();
    expect(field).toContain('value="maya.reset@school.test"');
    expect(field).toMatch(/\sreadonly=""/i);
    // Not sent with the form: the token alone says whose password it is.
    expect(field).not.toMatch(/\sname=/);
    // In the same form as the new password, which a password manager offers to save.
    expect(html).toMatch(/<form[\s\S]*autocomplete="username"[\s\S]*autocomplete="new-password"[\s\S]*<\/form>/i);
    // And the person reads which account they are changing.
    expect(textJoined(html)).toContain('For the account maya.reset@school.test');
    // Not the request form: this link works.
    expect(offersRequestForm(html)).toBe(false);
  });

  it('names no account for a link that is unknown, used or expired, and offers the request form there instead', async () => {
    const teacher = await createActor({ email: 'sam.reset@school.test' });
    const other = await createActor({ email: 'sam.reset@school.test.other' });
    const longAgo = new Date(Date.now() - 2 * RESET_MINUTES * 60_000);
    const expired = (await issueAccountToken(other.id, 'PASSWORD_RESET', RESET_MINUTES, longAgo))!;
    // Sending a newer link retires the one before: it now reads as used.
    const used = (await issueAccountToken(teacher.id, 'PASSWORD_RESET', RESET_MINUTES))!;
    await issueAccountToken(teacher.id, 'PASSWORD_RESET', RESET_MINUTES);
    for (const [token, says, why] of [
      ['not-a-real-token', 'This link is not valid', 'Check that you copied the whole link from the email, or ask for a new one below.'],
      [expired, 'This link has expired', `Reset links work for ${RESET_MINUTES} minutes. Ask for a new one below.`],
      [used, 'This link has already been used', 'It was used, or a newer link was sent after it. If you still need one, ask for a new one below, or sign in.'],
    ] as const) {
      const html = await page(token);
      expect(html).toContain(says);
      expect(textJoined(html)).toContain(why);
      expect(html).not.toContain('sam.reset@school.test');
      expect(html).not.toMatch(/autocomplete="username"/i);
      // No new-password form for a link that cannot set one (nor the link, hidden in a form)...
      expect(html).not.toMatch(/autocomplete="new-password"/i);
      expect(html).not.toContain(token);
      // ...but the request form, as on "Forgot your password?": the heading, then why, then the form.
      expect(offersRequestForm(html), says).toBe(true);
      expect(html).toMatch(new RegExp(`<h1[^>]*>Ask for a new reset link</h1>[\\s\\S]*${says}[\\s\\S]*Enter your email address and we will send you a new link[\\s\\S]*<form`));
      // Said politely, as that page says a link that is not valid: a notice, not an error.
      expect(html).toMatch(new RegExp(`role="status"[^>]*><p[^>]*>${says}</p>`));
      expect(html).toContain('href="/sign-in"');
    }
  });

  it('a link that runs out while its form is open: saving says it expired, and the page then offers the request form', async () => {
    const teacher = await createActor({ email: 'lena.slow@school.test' });
    const token = (await issueAccountToken(teacher.id, 'PASSWORD_RESET', RESET_MINUTES))!;
    const opened = await page(token);
    expect(opened).toMatch(/autocomplete="new-password"/i);
    // Where to ask for a new link is on the page from the start, next to the form.
    expect(opened).toMatch(/<a[^>]*href="\/forgot-password"[^>]*>Ask for a new link<\/a>/);

    // The hour runs out before the person presses Save.
    await db.accountToken.updateMany({ where: { userId: teacher.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const result = await resetPasswordAction(initialActionState, form({ token, password: 'a brand new password', confirm: 'a brand new password' }));
    expect(result).toEqual({ ok: false, formError: `This reset link has expired (links work for ${RESET_MINUTES} minutes). Ask for a new one.` });
    // Nothing changed, and the page (as it renders after the post without JavaScript, or on reload) asks for the address.
    expect(await db.user.findUniqueOrThrow({ where: { id: teacher.id }, select: { sessionVersion: true } })).toEqual({ sessionVersion: 0 });
    const after = await page(token);
    expect(after).toContain('This link has expired');
    expect(offersRequestForm(after)).toBe(true);
    expect(after).not.toContain('lena.slow@school.test');
  });
});
