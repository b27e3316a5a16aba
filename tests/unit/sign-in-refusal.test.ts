import { describe, expect, it } from 'vitest';
import { rateLimitCode, signInRefusalMessage } from '@/lib/auth/sign-in-refusal';

describe('a refused sign-in', () => {
  it('says to wait 15 minutes for the short limits and an hour for the per-account one', () => {
    expect(signInRefusalMessage(rateLimitCode(14 * 60))).toContain('Wait 15 minutes');
    expect(signInRefusalMessage(rateLimitCode(15 * 60))).toContain('Wait 15 minutes');
    expect(signInRefusalMessage(rateLimitCode(15 * 60 + 1))).toContain('Wait an hour');
    expect(signInRefusalMessage(rateLimitCode(undefined))).toContain('Wait 15 minutes');
  });

  it('gives a wrong email or password one answer, whatever else the code says', () => {
    for (const code of [undefined, 'credentials', 'something']) expect(signInRefusalMessage(code)).toBe('That email and password do not match an account.');
  });
});
