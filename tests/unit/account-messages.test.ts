import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ProfileInput } from '@/lib/auth/profile';
import { ChangePasswordInput } from '@/lib/auth/password-reset';
import { DeleteAccountInput } from '@/lib/auth/delete-account';
import { ChangeEmailInput } from '@/lib/auth/schemas';
import { DistrictRequestInput } from '@/lib/people/schemas';

// The account page shows each field's messages as they come from its schema: every one must be
// written for people, never zod's own wording ("Too big: expected string to have <=120 characters").
const messages = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  return Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
};
const RAW = /too (big|small)|expected|invalid input|<=|>=/i;
const long = 'M'.repeat(400);

describe('messages on the account page', () => {
  it('name, public name and portfolio address say what to do when too long or malformed', () => {
    const tooLong = messages(ProfileInput, { name: long, publicName: long, handle: long });
    expect(tooLong).toEqual({
      name: 'Use at most 120 characters.',
      publicName: 'Use at most 120 characters.',
      handle: 'Use 2–40 lowercase letters, numbers and hyphens.',
    });
    expect(messages(ProfileInput, { name: ' ', handle: 'Maya Okafor!!' })).toEqual({
      name: 'Enter your name.',
      handle: 'Use 2–40 lowercase letters, numbers and hyphens.',
    });
  });

  it('no account form answers what a browser can send with zod’s wording', () => {
    const cases: [string, z.ZodType, Record<string, unknown>][] = [
      ['profile', ProfileInput, { name: long, publicName: long, handle: long }],
      ['password', ChangePasswordInput, { current: 'x'.repeat(201), password: 'x'.repeat(201), confirm: 'x'.repeat(201) }],
      ['password (short)', ChangePasswordInput, { current: '', password: 'short', confirm: 'other' }],
      ['email', ChangeEmailInput, { email: `${'a'.repeat(300)}@school.org` }],
      ['delete', DeleteAccountInput, { password: 'x'.repeat(201), email: `${'a'.repeat(330)}@school.org` }],
      ['district', DistrictRequestInput, { districtId: '' }],
    ];
    for (const [name, schema, input] of cases) {
      const found = Object.values(messages(schema, input));
      expect(found.length, name).toBeGreaterThan(0);
      for (const m of found) expect(m, `${name}: ${m}`).not.toMatch(RAW);
    }
  });
});
