import type { ReactNode } from 'react';
import Link from 'next/link';
import { BadgeMark } from '@/components/catalog/badge-mark';
import { Pill } from '@/components/ui/card';
import { dayFmt } from '@/lib/dates';

export type AwardCard = { id: string; title: string; level: number | null; pdHours: unknown; issuedAt: Date; validUntil: Date | null; revokedAt?: Date | null; suspendedAt?: Date | null; renewed?: boolean; hiddenFromPortfolio?: boolean; stackId: string | null; issuer: { name: string }; color: string };

/**
 * `headingLevel`: each badge's title is a heading one level below the section it sits in: 2 right
 * under the page's title, 3 (the default) under a section heading of the page. `controls`: what
 * goes at the foot of a badge's card (My badges: whether it is on the portfolio).
 */
export function AwardGrid<A extends AwardCard>({ awards, headingLevel = 3, controls }: { awards: A[]; headingLevel?: 2 | 3; controls?: (award: A) => ReactNode }) {
  const now = new Date();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {awards.map((a) => (
        <li key={a.id} className="flex gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <BadgeMark color={a.color} level={a.level} size={56} />
          <div className="min-w-0">
            <Heading className="font-semibold"><Link href={`/credentials/${a.id}`}>{a.title}</Link></Heading>
            <p className="text-sm text-slate-700">{a.issuer.name}</p>
            <p className="text-xs text-slate-700">
              Issued {dayFmt.format(a.issuedAt)}
              {a.validUntil && a.validUntil >= now && !a.revokedAt ? ` · valid until ${dayFmt.format(a.validUntil)}` : ''}
              {Number(a.pdHours) ? ` · ${Number(a.pdHours)} PD hours` : ''}
            </p>
            <div className="mt-1 flex flex-wrap gap-1">
              {a.stackId ? <Pill tone="purple">Stack</Pill> : null}
              {a.revokedAt ? <Pill tone="danger">Revoked</Pill> : a.suspendedAt ? <Pill tone="warning">Suspended</Pill> : a.renewed ? <Pill tone="neutral">Renewed</Pill> : a.validUntil && a.validUntil < now ? <Pill tone="warning">Expired</Pill> : null}
            </div>
            {controls?.(a)}
          </div>
        </li>
      ))}
    </ul>
  );
}
