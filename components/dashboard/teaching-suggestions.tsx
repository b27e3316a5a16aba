import Link from 'next/link';
import type { TeachingSuggestion } from '@/lib/teaching/queries';
import type { Teaching } from '@/lib/teaching/policy';
import { teachingInWords } from '@/lib/teaching/words';
import { Card, Pill } from '@/components/ui/card';
import { BadgeMark } from '@/components/catalog/badge-mark';

/** The catalogue with "Matches what I teach" on, micro-credentials only, like the suggestions. */
export const MATCHING_CATALOG_HREF = '/catalog?kind=MICRO_CREDENTIAL&forMe=1';
const TEACHING_SETTINGS = '/account#teaching';

/**
 * The dashboard's "Suggested for what you teach": a few published micro-credentials for the
 * teacher's subjects and grades that they have not started or earned, and the way to all of them
 * in the catalogue. `items` null: they have not said what they teach, so they are asked to.
 */
export function TeachingSuggestions({ teaching, items }: { teaching: Teaching; items: TeachingSuggestion[] | null }) {
  if (!items) {
    return (
      <section aria-labelledby="for-you-heading">
        <h2 id="for-you-heading" className="mb-1 text-lg font-semibold">Suggested for what you teach</h2>
        <Card as="div">
          <p className="text-slate-800">
            Professional learning looks different for every subject and grade. Tell us what you teach and we will suggest micro-credentials made for it.
          </p>
          <p className="mt-2">
            <Link href={TEACHING_SETTINGS} className="font-semibold">Say what you teach →</Link>
          </p>
        </Card>
      </section>
    );
  }
  return (
    <section aria-labelledby="for-you-heading">
      <h2 id="for-you-heading" className="mb-1 text-lg font-semibold">Suggested for what you teach</h2>
      <p className="mb-3 text-sm text-slate-700">
        For {teachingInWords(teaching)}: micro-credentials you have not started. <Link href={TEACHING_SETTINGS}>Change what I teach</Link>
      </p>
      {items.length ? (
        <>
          <ul className="grid gap-4 md:grid-cols-2">
            {items.map((mc) => (
              <li key={mc.id}>
                <Card as="div" className="flex h-full gap-4">
                  <BadgeMark color={mc.badgeColor} level={mc.level} size={44} />
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2">
                      {mc.level ? <Pill tone="success">Level {mc.level}</Pill> : null}
                      <span className="text-xs text-slate-700">{Number(mc.pdHours)} PD hours</span>
                    </div>
                    <h3 className="mt-1 font-semibold">
                      <Link href={`/micro-credentials/${mc.slug}`}>{mc.title}</Link>
                    </h3>
                    <p className="text-sm text-slate-700">{mc.issuerName}</p>
                    <p className="mt-1 line-clamp-2 text-sm text-slate-800">{mc.summary}</p>
                  </div>
                </Card>
              </li>
            ))}
          </ul>
          <p className="mt-3">
            <Link href={MATCHING_CATALOG_HREF} className="font-semibold">See everything that matches what you teach →</Link>
          </p>
        </>
      ) : (
        <Card as="div">
          <p className="text-slate-800">No micro-credential that you have not already started or earned matches what you teach right now.</p>
          <p className="mt-2">
            <Link href="/catalog" className="font-semibold">Browse the whole catalogue →</Link>
          </p>
        </Card>
      )}
    </section>
  );
}
