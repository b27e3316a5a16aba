// The reset link written as a query string (/reset-password?token=…, an old or retyped link): a
// token of the right shape goes on to the emailed form (/reset-password/{token}), which says whether
// it still works (and, when not, asks for a new one there); anything that cannot be a token goes to
// "Forgot your password?" with a note; no token at all goes there plainly. Real Postgres for the token behind the link.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { issueAccountToken } from '@/lib/auth/account-tokens';
import { RESET_MINUTES } from '@/lib/auth/password-reset';
import { resetDatabase } from '../setup/db';
import { redirectOf } from '../setup/actions';
import { textJoined } from '../setup/html';
import { createActor } from '../factories';

vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: ResetQueryPage } = await import('@/app/reset-password/page');
const { default: ResetPasswordPage } = await import('@/app/reset-password/[token]/page');
const { default: ForgotPasswordPage } = await import('@/app/forgot-password/page');

beforeEach(resetDatabase);

const from = (query: Record<string, string | string[]>) => redirectOf(ResetQueryPage({ searchParams: Promise.resolve(query) }));
const forgotPage = async (query: Record<string, string>) => renderToStaticMarkup(await ForgotPasswordPage({ searchParams: Promise.resolve(query) }));

describe('/reset-password?token=…', () => {
  it('goes on to the emailed link’s page, where a link that works offers the form', async () => {
    const teacher = await createActor({ email: 'query.reset@school.test' });
    const token = (await issueAccountToken(teacher.id, 'PASSWORD_RESET', RESET_MINUTES))!;
    const to = await from({ token });
    expect(to).toBe(`/reset-password/${token}`);
    // The page it lands on is the real one, for this very link.
    const html = renderToStaticMarkup(await ResetPasswordPage({ params: Promise.resolve({ token: decodeURIComponent(to.split('/').pop()!) }) }));
    expect(textJoined(html)).toContain('For the account query.reset@school.test');
    expect(html).toContain('<form');
    // Spaces a mail client added around it do not matter.
    expect(await from({ token: ` ${token}\n` })).toBe(`/reset-password/${token}`);
  });

  it('sends a token of the right shape that is unknown or used to the link’s page too, which says so and asks for a new one', async () => {
    expect(await from({ token: 'not-a-real-token' })).toBe('/reset-password/not-a-real-token');
    const html = renderToStaticMarkup(await ResetPasswordPage({ params: Promise.resolve({ token: 'not-a-real-token' }) }));
    expect(html).toContain('This link is not valid');
    // Not a dead end: the "Forgot your password?" form is right there.
    expect(html).toMatch(/<form[\s\S]*name="email"[\s\S]*Email me a link[\s\S]*<\/form>/);
  });

  it('sends anything that cannot be a reset token to “Forgot your password?”, which says the link is not valid', async () => {
    for (const token of ['', '   ', 'abc def', 'abc/../../admin', 'tok%2Fen', 'a'.repeat(201), 'tok\u0000en?x=1', ['one', 'two']]) {
      expect(await from({ token }), JSON.stringify(token)).toBe('/forgot-password?link=invalid');
    }
    const text = textJoined(await forgotPage({ link: 'invalid' }));
    expect(text).toContain('That reset link is not valid');
    expect(text).toContain('Check that you copied the whole link from the email, or ask for a new one below.');
    // Still the page to ask for a new link.
    expect(text).toContain('Email me a link');
  });

  it('without a token goes to “Forgot your password?”, with no note', async () => {
    expect(await from({})).toBe('/forgot-password');
    const html = await forgotPage({});
    expect(html).not.toContain('That reset link is not valid');
    // No notice at all: the form's own live regions are on the page, empty until it has something to say.
    expect(html).not.toMatch(/role="status"[^>]*>[^<]|role="status"[^>]*><(?!\/)/);
    expect(textJoined(html)).toContain('Enter your email address and we will send you a link');
  });
});
