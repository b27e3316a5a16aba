// The page an emailed reset link opens (/reset-password/{token}): for a link that works, the form
// carries the account's address in a read-only field marked autocomplete="username", inside the
// form, so a password manager saves the new password under the right account; the page also says
// which account it is. A link that is unknown, used or expired names no one.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { issueAccountToken } from '@/lib/auth/account-tokens';
import { RESET_MINUTES } from '@/lib/auth/password-reset';
import { resetDatabase } from '../setup/db';
import { createActor } from '../factories';

vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: ResetPasswordPage } = await import('@/app/reset-password/[token]/page');

beforeEach(resetDatabase);

const page = async (token: string) => renderToStaticMarkup(await ResetPasswordPage({ params: Promise.resolve({ token }) }));
// HTML attribute names are case-insensitive (React writes `autoComplete`, `readOnly`).
/** The form's username field, if any: an input with autocomplete="username". */
const usernameField = (html: string) => /<form[\s\S]*?(<input(?=[^>]*autocomplete="username")[^>]*>)[\s\S]*?<\/form>/i.exec(html)?.[1] ?? null;

describe('the reset-password page and password managers', () => {
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
    expect(html.replace(/<[^>]+>/g, '')).toContain('For the account maya.reset@school.test');
  });

  it('names no account for a link that is unknown, used or expired', async () => {
    const teacher = await createActor({ email: 'sam.reset@school.test' });
    const other = await createActor({ email: 'sam.reset@school.test.other' });
    const longAgo = new Date(Date.now() - 2 * RESET_MINUTES * 60_000);
    const expired = (await issueAccountToken(other.id, 'PASSWORD_RESET', RESET_MINUTES, longAgo))!;
    // Sending a newer link retires the one before: it now reads as used.
    const used = (await issueAccountToken(teacher.id, 'PASSWORD_RESET', RESET_MINUTES))!;
    await issueAccountToken(teacher.id, 'PASSWORD_RESET', RESET_MINUTES);
    for (const [token, says] of [
      ['not-a-real-token', 'This link is not valid'],
      [expired, 'This link has expired'],
      [used, 'This link has already been used'],
    ] as const) {
      const html = await page(token);
      expect(html).toContain(says);
      expect(html).not.toContain('sam.reset@school.test');
      expect(html).not.toMatch(/autocomplete="username"/i);
      expect(html).not.toContain('<form');
    }
  });
});
