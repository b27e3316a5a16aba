// `npm run platform:admin` takes the new admin's name as every other name is taken (PersonNameInput,
// oneLine): one line, without control characters or the marks that reverse the text around them.
import { describe, expect, it } from 'vitest';
import { parsePlatformAdminArgs } from '@/lib/organizations/platform-admin-args';

describe('the platform:admin arguments', () => {
  it('keeps the name on one line, without control or direction characters', () => {
    expect(parsePlatformAdminArgs({ email: 'ops@example.org', name: '\n Ada\r\n\tLovelace \u0007' })).toEqual({ email: 'ops@example.org', name: 'Ada Lovelace' });
    expect(parsePlatformAdminArgs({ email: 'ops@example.org', name: 'Ada \u202eecalevoL\u202c' }).name).toBe('Ada ecalevoL');
    expect(parsePlatformAdminArgs({ email: 'ops@example.org', name: 'Zoë O’Brien-Núñez' }).name).toBe('Zoë O’Brien-Núñez');
  });

  it('refuses a name that is only spaces, line breaks or control characters, or too long, naming the flag', () => {
    expect(() => parsePlatformAdminArgs({ email: 'ops@example.org', name: '\r\n\u0007 ' })).toThrow(/^--name: Enter your name\.$/);
    expect(() => parsePlatformAdminArgs({ email: 'ops@example.org', name: 'a'.repeat(121) })).toThrow(/^--name: Use at most 120 characters\.$/);
  });

  it('takes the address as sign-up does, and without --name the part before the @', () => {
    expect(parsePlatformAdminArgs({ email: '  Ops@Example.ORG ' })).toEqual({ email: 'ops@example.org', name: 'ops' });
    expect(() => parsePlatformAdminArgs({})).toThrow('--email is required');
    expect(() => parsePlatformAdminArgs({ email: 'not an address', name: 'Ada' })).toThrow(/^--email: Enter a valid email address/);
  });
});
