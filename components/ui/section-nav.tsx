import { NavLink } from '@/components/ui/nav-link';

export type SectionNavItem = { href: string; label: string; exact?: boolean };

/** The tabs of an area (administration, district, platform): a labelled nav of links, the current one marked. */
export function SectionNav({ label, items }: { label: string; items: readonly SectionNavItem[] }) {
  return (
    <nav aria-label={label} className="no-print mb-6 border-b border-slate-200 pb-2">
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
