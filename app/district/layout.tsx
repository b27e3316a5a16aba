import type { ReactNode } from 'react';
import { SectionNav } from '@/components/ui/section-nav';
import { getActor } from '@/lib/auth/session';
import { isDistrictLeader } from '@/lib/auth/actor';

const items = [
  { href: '/district', label: 'Overview', exact: true },
  { href: '/district/proposals', label: 'Proposals' },
  { href: '/district/teachers', label: 'Teachers' },
  { href: '/district/recommendations', label: 'Recommendations' },
  { href: '/district/people', label: 'People' },
  { href: '/district/schools', label: 'Schools' },
  { href: '/district/reports', label: 'Reports' },
  { href: '/district/policy', label: 'Policy' },
  { href: '/district/audit', label: 'Audit log' },
];

// Navigation only: every page, action and export checks the district-leader role itself. The tabs
// are a district leader's: a school's principal opening one of their teachers' records
// (/district/teachers/{id}) would find every tab closed to them.
export default async function DistrictLayout({ children }: { children: ReactNode }) {
  const leads = isDistrictLeader(await getActor());
  return (
    <div>
      {leads ? <SectionNav label="District" items={items} /> : null}
      {children}
    </div>
  );
}
