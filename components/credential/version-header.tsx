import type { ReactNode } from 'react';
import { Card, Pill } from '@/components/ui/card';
import { AlignmentList } from '@/components/credential/credential-description';
import { BadgeMark } from '@/components/catalog/badge-mark';
import type { VersionDetail } from '@/lib/catalog/queries';

// One version of a micro-credential as a page shows it: the badge, its level, hours and validity,
// title, issuer line and summary; and the "At a glance" card beside the description. Shared by the
// public page of a version (/micro-credentials/{slug}/versions/{n}) and the authors' preview of a
// draft (/admin/credentials/{id}/preview), so a preview reads exactly as the published page will.

type Shown = Pick<VersionDetail, 'badgeColor' | 'pdHours' | 'expiryMonths' | 'title' | 'summary' | 'alignments'>;

/** `level`: the level in words (levelInWords), or null; `issuedBy`: the line under the title. */
export function VersionHeader({ version: v, badgeLevel, level, issuedBy }: { version: Shown; badgeLevel: number | null; level: string | null; issuedBy: ReactNode }) {
  return (
    <div className="mb-6 flex flex-col gap-6 md:flex-row md:items-start">
      <BadgeMark color={v.badgeColor} level={badgeLevel} size={96} />
      <div className="flex-1">
        <div className="flex flex-wrap gap-2">
          <Pill tone="neutral">Micro-credential</Pill>
          {level ? <Pill tone="success">{level}</Pill> : null}
          <Pill tone="info">{Number(v.pdHours)} PD hours</Pill>
          {v.expiryMonths ? <Pill tone="warning">Valid {v.expiryMonths} months</Pill> : null}
        </div>
        <h1 className="mt-2 text-3xl font-bold">{v.title}</h1>
        <p className="mt-1 text-slate-700">{issuedBy}</p>
        <p className="mt-3 max-w-3xl text-lg text-slate-800">{v.summary}</p>
      </div>
    </div>
  );
}

/** "At a glance": issuer, level, hours, validity (and `extra` rows, e.g. which version is current). */
export function AtAGlance({ version: v, issuerName, level, extra }: { version: Shown; issuerName: string; level: string | null; extra?: ReactNode }) {
  return (
    <Card>
      <h2 className="font-semibold">At a glance</h2>
      <dl className="mt-2 space-y-1 text-sm">
        <div><dt className="inline font-medium">Issuer: </dt><dd className="inline">{issuerName}</dd></div>
        {level ? <div><dt className="inline font-medium">Level: </dt><dd className="inline">{level}</dd></div> : null}
        <div><dt className="inline font-medium">PD hours: </dt><dd className="inline">{Number(v.pdHours)}</dd></div>
        <div><dt className="inline font-medium">Valid for: </dt><dd className="inline">{v.expiryMonths ? `${v.expiryMonths} months` : 'Does not expire'}</dd></div>
        {extra}
      </dl>
      <AlignmentList alignments={v.alignments} />
    </Card>
  );
}
