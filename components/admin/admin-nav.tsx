import { NavLink } from '@/components/ui/nav-link';

const items = [
  { href: '/admin', label: 'Overview', exact: true },
  { href: '/admin/credentials', label: 'Credentials' },
  { href: '/admin/tracks', label: 'Tracks' },
  { href: '/admin/stacks', label: 'Stacks' },
  { href: '/admin/awards', label: 'Badges issued' },
  { href: '/admin/people', label: 'People' },
  { href: '/admin/dashboard', label: 'Dashboard' },
  { href: '/admin/review-quality', label: 'Review quality' },
];

export function AdminNav() {
  return (
    <nav aria-label="Administration" className="mb-6 border-b border-slate-200 pb-2">
      <ul className="flex flex-wrap gap-1">
        {items.map((i) => (
          <li key={i.href}>
            <NavLink href={i.href} exact={i.exact} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-800 no-underline hover:bg-slate-100 hover:no-underline">
              {i.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
