import type { ReactNode } from 'react';
import { NavLink } from '@/components/ui/nav-link';

const items = [
  { href: '/district', label: 'Overview', exact: true },
  { href: '/district/proposals', label: 'Proposals' },
  { href: '/district/teachers', label: 'Teachers' },
  { href: '/district/people', label: 'People' },
  { href: '/district/reports', label: 'Reports' },
  { href: '/district/policy', label: 'Policy' },
];

// Navigation only: every page, action and export checks the district-leader role itself.
export default function DistrictLayout({ children }: { children: ReactNode }) {
  return (
    <div>
      <nav aria-label="District" className="mb-6 border-b border-slate-200 pb-2">
        <ul className="flex flex-wrap gap-1">
          {items.map((i) => (
            <li key={i.href}>
              <NavLink href={i.href} exact={i.exact} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-800 no-underline hover:bg-slate-100 hover:no-underline">{i.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </div>
  );
}
