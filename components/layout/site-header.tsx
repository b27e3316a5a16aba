import Link from 'next/link';
import type { Actor } from '@/lib/auth/actor';
import { hasRole, isIssuerAdmin, isDistrictLeader, isPlatformAdmin, isReviewer } from '@/lib/auth/actor';
import { SignOutButton } from '@/components/layout/sign-out-button';
import { NavLink } from '@/components/ui/nav-link';
import { NavMenu } from '@/components/ui/nav-menu';

// `exact`: the catalogue's entry is the catalogue page itself, not the credential pages it links to.
type NavItem = { href: string; label: string; exact?: boolean };

const COLLEAGUES: NavItem = { href: '/colleagues', label: 'Colleagues' };

/** Whether every role the person holds is a teacher's (or they hold none). */
const isTeacherOnly = (actor: Actor) => actor.roles.every((r) => r.role === 'TEACHER');

export function navFor(actor: Actor | null): NavItem[] {
  const items: NavItem[] = [{ href: '/catalog', label: 'Catalogue', exact: true }];
  if (!actor) return [...items, { href: '/verify', label: 'Verify a badge' }];
  items.push({ href: '/dashboard', label: 'My learning' });
  items.push({ href: '/badges', label: 'My badges' });
  // Colleagues at one's school (ADR 028) is a teacher's page: in the bar for a teacher at a school
  // with no staff role (staff menus are long already; they reach it from My learning, and the phone
  // menu lists it for everyone at a school).
  if (actor.schoolId && isTeacherOnly(actor)) items.push(COLLEAGUES);
  if (isReviewer(actor)) items.push({ href: '/review', label: 'Review' });
  if (isDistrictLeader(actor) && (hasRole(actor, 'DISTRICT_LEADER') || hasRole(actor, 'PLATFORM_ADMIN'))) items.push({ href: '/district', label: 'District' });
  // Principals only: a platform admin can open /school, but every school is not one more menu entry.
  if (hasRole(actor, 'SCHOOL_LEADER')) items.push({ href: '/school', label: 'School' });
  if (isIssuerAdmin(actor)) items.push({ href: '/admin', label: 'Admin' });
  if (isPlatformAdmin(actor)) items.push({ href: '/platform', label: 'Platform' });
  return items;
}

/**
 * The mobile menu's entries: the main navigation, Colleagues for staff at a school too, and the
 * account page, whose link in the bar is hidden on narrow screens (the bar keeps room for the bell
 * and Sign out at 320 px).
 */
export function menuFor(actor: Actor | null): NavItem[] {
  const items = navFor(actor);
  if (!actor) return items;
  // The phone menu has room for Colleagues for anyone at a school, staff too (after My badges).
  if (actor.schoolId && !items.includes(COLLEAGUES)) items.splice(items.findIndex((i) => i.href === '/badges') + 1, 0, COLLEAGUES);
  return [...items, { href: '/account', label: 'Account' }];
}

export function SiteHeader({ actor, unread }: { actor: Actor | null; unread: number }) {
  const items = navFor(actor);
  const menu = menuFor(actor);
  return (
    // `relative`: the phone menu opens as a panel under the whole bar.
    <header role="banner" className="relative border-b border-slate-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to main content
      </a>
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-4 py-3 sm:gap-3">
        <Link href="/" className="flex shrink-0 items-center gap-2 text-base font-bold min-[360px]:text-lg text-slate-900 no-underline hover:no-underline">
          <svg aria-hidden="true" width="28" height="28" viewBox="0 0 32 32">
            <path d="M16 2l12 7v14l-12 7-12-7V9z" fill="#1d4ed8" />
            <path d="M11 16l3.5 3.5L21 13" stroke="#fff" strokeWidth="2.5" fill="none" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          Microcred
        </Link>
        <nav aria-label="Main" className="hidden md:block">
          <ul className="flex items-center gap-1">
            {items.map((i) => (
              <li key={i.href}>
                <NavLink href={i.href} exact={i.exact} className="rounded-md px-3 py-2 text-sm font-medium text-slate-800 no-underline hover:bg-slate-100 hover:no-underline">
                  {i.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {/* On a phone the bar holds the bell or Sign in, and the menu button, on one line down to 320 px
            (WCAG reflow); Sign out and Create account move into the menu there. */}
        <div className="flex items-center gap-1 sm:gap-2">
          {actor ? (
            <>
              <Link href="/notifications" className="relative flex items-center rounded-md px-2 py-2 text-sm text-slate-800 no-underline hover:bg-slate-100 hover:no-underline">
                {/* On narrow screens a bell stands for the word, so the header fits 320 px (WCAG reflow). */}
                <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" className="sm:hidden">
                  <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
                  <path d="M13.7 21a2 2 0 0 1-3.4 0" />
                </svg>
                <span className="sr-only sm:not-sr-only">Notifications</span>
                {unread > 0 ? (
                  <span className="ml-1 rounded-full bg-red-700 px-1.5 py-0.5 text-xs font-bold text-white">
                    {unread}
                    <span className="sr-only"> unread</span>
                  </span>
                ) : null}
              </Link>
              <Link href="/account" className="hidden rounded-md px-2 py-2 text-sm text-slate-800 hover:bg-slate-100 sm:inline-block">
                {actor.name}
              </Link>
              <div className="hidden sm:block"><SignOutButton /></div>
            </>
          ) : (
            <>
              <Link href="/sign-in" className="whitespace-nowrap rounded-md px-2 py-2 text-sm font-medium no-underline hover:bg-slate-100 hover:no-underline sm:px-3">
                Sign in
              </Link>
              <Link href="/sign-up" className="hidden whitespace-nowrap rounded-md bg-brand-700 px-3 py-2 text-sm font-semibold text-white no-underline hover:bg-brand-800 hover:no-underline sm:inline-block">
                Create account
              </Link>
            </>
          )}
          {/* Closed again after a link in it is followed (a client part: the rest of the header stays on the server). */}
          <NavMenu
            className="md:hidden"
            summaryClassName="flex min-h-10 cursor-pointer whitespace-nowrap list-none items-center gap-1.5 rounded-md border border-slate-300 px-2 py-1.5 min-[360px]:px-2.5 text-sm font-semibold text-slate-900 hover:bg-slate-100 group-open:bg-slate-100 [&::-webkit-details-marker]:hidden"
            summary={
              <>
                <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
                  <path d="M4 7h16M4 12h16M4 17h16" className="group-open:hidden" />
                  <path d="M6 6l12 12M18 6L6 18" className="hidden group-open:inline" />
                </svg>
                Menu
              </>
            }
          >
            <div className="absolute inset-x-0 top-full z-40 border-b border-slate-200 bg-white shadow-lg">
              <nav aria-label="Main (mobile)" className="mx-auto max-w-6xl">
                <ul className="px-2 py-2">
                  {menu.map((i) => (
                    <li key={i.href}>
                      <NavLink href={i.href} exact={i.exact} className="block rounded-md px-3 py-2.5 text-slate-800 no-underline hover:bg-slate-100">
                        {i.label}
                      </NavLink>
                    </li>
                  ))}
                </ul>
                {actor ? (
                  <div className="border-t border-slate-200 px-2 py-2 sm:hidden"><SignOutButton /></div>
                ) : (
                  <p className="border-t border-slate-200 px-4 py-3 sm:hidden">
                    <Link href="/sign-up" className="inline-block rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white no-underline hover:bg-brand-800 hover:no-underline">
                      Create account
                    </Link>
                  </p>
                )}
              </nav>
            </div>
          </NavMenu>
        </div>
      </div>
    </header>
  );
}
