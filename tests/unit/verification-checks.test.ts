// The list of checks a verified badge shows (components/credential/verification-checks.tsx), on a
// badge's page and on /verify: each in words a visitor understands, naming the standard verifiers know.
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { VerificationResult } from '@/lib/credentials/verify';
import { VerificationChecks } from '@/components/credential/verification-checks';

const checks = (schema: 'ok' | 'fail') => {
  const result = { verified: schema === 'ok', errors: [], details: [], checks: { signature: 'ok', expiry: 'ok', revocation: 'ok', schema } } as VerificationResult;
  return renderToStaticMarkup(createElement(VerificationChecks, { result })).replace(/<[^>]+>/g, '|').split('|').filter(Boolean);
};

describe('the format check', () => {
  it('says the credential is a standard Open Badges 3.0 one, in plain words', () => {
    expect(checks('ok')).toContain('A standard Open Badges 3.0 credential');
    expect(checks('fail')).toContain('Not a standard Open Badges 3.0 credential');
    expect(checks('ok').join(' ')).not.toMatch(/well-formed/i);
    expect(checks('fail').join(' ')).not.toMatch(/well-formed/i);
  });
});
