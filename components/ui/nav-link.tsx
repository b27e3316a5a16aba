'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/** Whether `pathname` is the page `href` names, or (unless `exact`) one below it. */
export function isCurrent(pathname: string, href: string, exact = false): boolean {
  if (pathname === href) return true;
  return !exact && pathname.startsWith(`${href}/`);
}

/**
 * A navigation link that says when it is the page you are on (`aria-current="page"`, announced by
 * screen readers, and shown in bold on a tint). Rendered on the server too, so the plain-HTML pages
 * anonymous visitors get carry it without any script.
 */
export function NavLink({ href, exact, className, children }: { href: string; exact?: boolean; className: string; children: ReactNode }) {
  const current = isCurrent(usePathname() ?? '', href, exact);
  return (
    <Link href={href} aria-current={current ? 'page' : undefined} className={`${className} aria-[current=page]:bg-slate-100 aria-[current=page]:font-semibold aria-[current=page]:text-slate-900`}>
      {children}
    </Link>
  );
}
