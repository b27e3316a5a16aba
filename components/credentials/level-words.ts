// What a micro-credential's level means, in plain words, for someone who has never seen the
// catalogue (a principal or recruiter opening a badge). Level 1 shows understanding of a method;
// level 2 and above show it used with students (MicroCredential.level; the catalogue's filter, the
// track pages and the credential editor say the same).

/**
 * "Level 2: shown in the holder’s own classroom", or null for a credential without a level. `whose`:
 * the holder (a badge, read by anyone), a teacher in general (a version's requirements, read by
 * verifiers too), or the reader (the micro-credential's page, where a teacher decides to enrol).
 */
export function levelInWords(level: number | null | undefined, whose: 'holder' | 'teacher' | 'you' = 'holder'): string | null {
  if (!level || level < 1) return null;
  if (level === 1) return whose === 'holder' ? 'Level 1: the holder showed they understand the method' : 'Level 1: shows understanding of the method';
  if (whose === 'you') return `Level ${level}: demonstrated in your own classroom`;
  return whose === 'holder' ? `Level ${level}: shown in the holder’s own classroom` : `Level ${level}: demonstrated in the teacher’s own classroom`;
}
