import type { OpenBadgeCredentialInput } from '@/lib/credentials/build';

export const RECIPIENT_EMAIL = 'Maria.Lopez@Example-School.org';
export const SALT = 'c0ffee1234567890';

/** A realistic credential input; tests override what they exercise. */
export function credentialInput(issuerDid: string, overrides: Partial<OpenBadgeCredentialInput> = {}): OpenBadgeCredentialInput {
  return {
    id: 'urn:uuid:6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    issuer: {
      id: issuerDid,
      name: 'Riverside Unified School District',
      url: 'https://riverside.example.org',
      email: 'pd@riverside.example.org',
      description: 'Professional learning for Riverside educators.',
      image: { id: 'https://riverside.example.org/logo.png', caption: 'Riverside USD logo' },
    },
    achievement: {
      id: 'https://badges.example.org/achievements/formative-assessment-1',
      name: 'Formative Assessment in Practice',
      description: 'Uses formative assessment to adjust instruction during a lesson.',
      criteria: {
        id: 'https://badges.example.org/achievements/formative-assessment-1#criteria',
        narrative: 'Submit a lesson plan, a classroom video and a reflection scored at level 3 or above on the rubric.',
      },
      image: { id: 'https://badges.example.org/images/formative-assessment-1.png', caption: 'Formative Assessment badge' },
      achievementType: 'MicroCredential',
      alignment: [
        {
          targetName: 'InTASC Standard 6: Assessment',
          targetUrl: 'https://ccsso.org/intasc/standard-6',
          targetDescription: 'The teacher understands and uses multiple methods of assessment.',
          targetFramework: 'InTASC',
          targetCode: '6',
        },
      ],
      creditsAvailable: 15,
      tag: ['assessment', 'k-12'],
      inLanguage: 'en',
      creator: { id: issuerDid, name: 'Riverside Unified School District' },
    },
    recipient: { email: RECIPIENT_EMAIL, salt: SALT },
    validFrom: new Date('2025-03-01T15:30:00.000Z'),
    awardedDate: new Date('2025-03-01T15:30:00.000Z'),
    evidence: [
      {
        id: 'https://badges.example.org/evidence/7d2f',
        name: 'Reviewed portfolio',
        description: 'Lesson plan, video excerpt and reflection.',
        narrative: 'Scored 3.4 / 4 by two trained reviewers.',
      },
    ],
    result: [{ status: 'Completed', value: '3.4' }],
    creditsEarned: 15,
    ...overrides,
  };
}
