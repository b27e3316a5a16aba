import { describe, expect, it } from 'vitest';
import { auditGroupOf, describeAuditEntry } from '@/lib/audit/describe';

describe('audit wording: an unconfirmed address corrected', () => {
  const entry = (data?: unknown) => describeAuditEntry({ action: 'user.email_change', entityType: 'User', entityId: 'u1', data });

  it('says the address changed before it was confirmed, and whether the new link went', () => {
    expect(entry({ linkSent: true })).toBe('Changed their email address before confirming it, and were sent a confirmation link at the new one');
    expect(entry({ linkSent: false })).toBe('Changed their email address before confirming it (too many links sent that hour, so the new one waits until they ask again)');
    expect(entry()).toBe('Changed their email address before confirming it');
  });

  it('never names the addresses and files under people and accounts', () => {
    // A deleted account's entries must not say who it was, so the addresses are neither kept nor shown.
    expect(entry({ linkSent: true, from: 'old@school.test', to: 'new@school.test' })).not.toMatch(/@/);
    expect(auditGroupOf('user.email_change')).toBe('people');
  });
});
