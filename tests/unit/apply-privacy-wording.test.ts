// The student privacy reminder the application page gives before any evidence is collected
// (PRIVACY_REMINDER) states the rule the submit tick-box then asks the teacher to confirm
// (ATTESTATION_TEXT), in the same terms, and covers what a reviewer can report about students in
// the evidence (lib/evidence/schemas.ts): one who can be identified without consent, and students'
// personal information. Two texts that drift apart would tell the teacher two different rules.
import { describe, expect, it } from 'vitest';
import { ATTESTATION_TEXT, PRIVACY_REMINDER } from '@/lib/submissions/schemas';
import { CONCERN_REASON_LABELS } from '@/lib/evidence/schemas';

describe('the student privacy reminder', () => {
  it('is said before the evidence is made: filming, photographing or recording', () => {
    expect(PRIVACY_REMINDER).toMatch(/^Before you film, photograph or record /);
  });

  it('says the rule of the submit tick-box in its own terms', () => {
    // Who: anyone recognisable by name, face or voice. What: permission to appear, by the school's
    // rules. Otherwise: blurred or taken out.
    for (const term of ['recognised', 'name, face or voice', 'permission to appear', 'school’s', 'blur']) {
      expect(ATTESTATION_TEXT).toContain(term);
      expect(PRIVACY_REMINDER).toContain(term);
    }
  });

  it('covers both things a reviewer can report about students: being identifiable, and their personal information', () => {
    expect(CONCERN_REASON_LABELS.STUDENT_IDENTIFIABLE).toBe('A student can be identified without consent');
    expect(PRIVACY_REMINDER).toMatch(/face or voice needs permission/);
    expect(CONCERN_REASON_LABELS.STUDENT_PERSONAL_DATA).toBe('Personal information about students');
    expect(PRIVACY_REMINDER).toContain('names on student work');
  });

  it('is short enough to read at a glance', () => {
    expect(PRIVACY_REMINDER.split(/\s+/).length).toBeLessThanOrEqual(50);
  });
});
