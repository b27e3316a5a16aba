import { describe, expect, it } from 'vitest';
import { ATTESTATION_MISSING, SubmitAttemptInput } from '@/lib/submissions/schemas';

describe('the confirmation on the submit form', () => {
  it('is required: only the ticked checkbox ("yes") passes, anything else names the box', () => {
    expect(SubmitAttemptInput.safeParse({ attemptId: 'a1', attested: 'yes' })).toMatchObject({ success: true, data: { attested: true } });
    for (const attested of [undefined, '', 'on', 'no', 'true', true, ['yes', 'yes']]) {
      const r = SubmitAttemptInput.safeParse({ attemptId: 'a1', attested });
      expect(r.success, String(attested)).toBe(false);
      expect(r.error?.issues.find((i) => i.path[0] === 'attested')?.message).toBe(ATTESTATION_MISSING);
    }
  });
});
