// Demo accounts exist only where the seed ran in demo mode (npm run dev, tests), never in production.
export const DEMO_PASSWORD = 'microcred-demo';
export const DEMO_ACCOUNTS = [
  { email: 'teacher@demo.school', name: 'Maya Okafor', role: 'Teacher' },
  { email: 'reviewer@demo.school', name: 'Daniel Reyes', role: 'Reviewer' },
  { email: 'reviewer2@demo.school', name: 'Ana Lucero', role: 'Second reviewer' },
  { email: 'admin@demo.school', name: 'Priya Natarajan', role: 'Issuer admin' },
  { email: 'leader@demo.school', name: 'Tom Lindqvist', role: 'District leader' },
  { email: 'principal@demo.school', name: 'Grace Adeyemi', role: 'School leader' },
  { email: 'platform@demo.school', name: 'Sam Whitfield', role: 'Platform admin' },
] as const;
