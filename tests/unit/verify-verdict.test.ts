// The verify page's headline (components/credential/verify-verdict.ts).
import { describe, expect, it } from 'vitest';
import { verifyVerdict } from '@/components/credential/verify-verdict';
import type { VerifyOutcome } from '@/lib/awards/verify-upload';

const outcome = (verified: boolean, recipient?: 'match' | 'no-match', issuerOnPlatform = true) =>
  ({ ok: true, result: { verified, errors: [], checks: [] }, summary: { issuerOnPlatform, ...(recipient ? { recipient } : {}) } }) as unknown as Extract<VerifyOutcome, { ok: true }>;

describe('verifyVerdict', () => {
  it('is a pass only when the credential verifies and, if an address was given, was issued to it', () => {
    expect(verifyVerdict(outcome(true), '')).toEqual({ tone: 'success', title: 'This credential is genuine and valid' });
    expect(verifyVerdict(outcome(true, 'match'), 'ana@school.org')).toEqual({ tone: 'success', title: 'This credential is genuine and valid' });
  });

  it('warns, never greets with green, when the badge is genuine but someone else’s', () => {
    expect(verifyVerdict(outcome(true, 'no-match'), 'someone@else.org')).toEqual({ tone: 'warning', title: 'Genuine, but not issued to someone@else.org' });
  });

  it('fails a credential that does not verify, whoever it names', () => {
    expect(verifyVerdict(outcome(false, 'match'), 'ana@school.org')).toMatchObject({ tone: 'danger' });
    expect(verifyVerdict(outcome(false, 'no-match'), 'x@y.org')).toMatchObject({ tone: 'danger' });
  });

  it('never calls a credential signed with a key of no issuer here “genuine”, whatever issuer it names', () => {
    expect(verifyVerdict(outcome(true, undefined, false), '')).toEqual({ tone: 'warning', title: 'Signed, but not by an issuer on this platform' });
    expect(verifyVerdict(outcome(true, 'match', false), 'ana@school.org')).toMatchObject({ tone: 'warning' });
  });
});
