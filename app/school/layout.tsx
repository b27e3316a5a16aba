import type { ReactNode } from 'react';
import { SectionNav } from '@/components/ui/section-nav';

const items = [
  { href: '/school', label: 'Overview', exact: true },
  { href: '/school/teachers', label: 'Teachers' },
  { href: '/school/reports', label: 'Reports' },
  { href: '/school/recommendations', label: 'Recommendations' },
];

// Navigation only: every page and export checks that the person leads the school itself.
export default function SchoolLayout({ children }: { children: ReactNode }) {
  return (
    <div>
      <SectionNav label="School" items={items} />
      {children}
    </div>
  );
}
