import type { ReactNode } from 'react';
import { SectionNav } from '@/components/ui/section-nav';

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

// Navigation only: every page, action and export checks the district-leader role itself.
export default function DistrictLayout({ children }: { children: ReactNode }) {
  return (
    <div>
      <SectionNav label="District" items={items} />
      {children}
    </div>
  );
}
