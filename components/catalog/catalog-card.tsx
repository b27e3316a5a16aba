import Link from 'next/link';
import type { CatalogItem } from '@/lib/catalog/queries';
import { Pill } from '@/components/ui/card';
import { BadgeMark } from '@/components/catalog/badge-mark';
import { RecommendedTag } from '@/components/catalog/district-recommendation';

const kindLabel = { TRACK: 'Course / track', MICRO_CREDENTIAL: 'Micro-credential', STACK: 'Stack' } as const;
const kindPath = { TRACK: '/tracks', MICRO_CREDENTIAL: '/micro-credentials', STACK: '/stacks' } as const;

export function catalogHref(kind: CatalogItem['kind'], slug: string) {
  return `${kindPath[kind]}/${slug}`;
}

/** `recommended`: the signed-in teacher's district recommends it to them (never set for anonymous visitors). */
export function CatalogCard({ item, recommended = false }: { item: CatalogItem; recommended?: boolean }) {
  return (
    <li className="flex gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <BadgeMark color={item.badgeColor} level={item.level} size={56} />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <Pill tone={item.kind === 'STACK' ? 'purple' : item.kind === 'TRACK' ? 'info' : 'neutral'}>{kindLabel[item.kind]}</Pill>
          {item.level ? <Pill tone="success">Level {item.level}</Pill> : null}
          <span className="text-xs text-slate-600">{Number(item.pdHours)} PD hours</span>
          {recommended ? <RecommendedTag /> : null}
        </div>
        <h3 className="mt-1 text-base font-semibold">
          <Link href={catalogHref(item.kind, item.slug)}>{item.title}</Link>
        </h3>
        <p className="text-sm text-slate-600">{item.issuerName}</p>
        <p className="mt-1 line-clamp-3 text-sm text-slate-800">{item.summary}</p>
        {item.gradeBands.length ? <p className="mt-1 text-xs text-slate-600">Grades {item.gradeBands.join(', ')}</p> : null}
      </div>
    </li>
  );
}
