/**
 * A teacher's current application for a micro-credential: the newest cycle. The first application
 * is cycle 1; each renewal of an expiring badge adds the next (lib/submissions/renewal.ts), and
 * earlier cycles stay as the record of the badges they earned. Spread into findFirst.
 */
export function currentSubmission(userId: string, microCredentialId: string) {
  return { where: { userId, microCredentialId }, orderBy: { cycle: 'desc' as const } };
}
