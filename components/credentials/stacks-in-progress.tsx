import Link from 'next/link';
import type { StackInProgress } from '@/lib/awards/stack-progress';
import { BadgeMark } from '@/components/catalog/badge-mark';
import { ProgressBar } from '@/components/ui/progress';

/**
 * "Stacks you’re building", on the dashboard and My badges: each stack the teacher holds part of,
 * how far they are (counted by valid badges, as the stack is awarded), and the next part to earn,
 * or, for a part whose badge was revoked or is on hold, that it was, and whom to ask.
 * Nothing at all when there is none. A section with its own h2, placed under the page's title.
 */
export function StacksInProgress({ stacks }: { stacks: StackInProgress[] }) {
  if (!stacks.length) return null;
  return (
    <section aria-labelledby="stacks-building" className="mt-8">
      <h2 id="stacks-building" className="mb-1 text-lg font-semibold">Stacks you’re building</h2>
      <p className="mb-3 text-sm text-slate-700">Earn every micro-credential in a stack and the stack credential is awarded to you automatically.</p>
      <ul className="grid gap-4 md:grid-cols-2">
        {stacks.map((s) => {
          const counted = `${s.held} of ${s.total} held`;
          return (
            <li key={s.id} className="flex gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <BadgeMark color={s.badgeColor} size={44} />
              <div className="min-w-0 flex-1">
                <h3 className="font-semibold">
                  <Link href={`/stacks/${s.slug}`}>{s.title}</Link>
                </h3>
                <div className="mt-2">
                  {/* The count is in the bar's name as well as beside it: a percentage alone says less. */}
                  <ProgressBar value={s.held} max={s.total} label={`${s.title}: ${counted}`} />
                  <p className="mt-1 text-sm text-slate-800">{counted}</p>
                </div>
                {/* A part whose badge was revoked or is on hold is never offered as the next one: there is nothing to earn there. Said in words instead, with whom to ask. */}
                {s.withdrawn ? (
                  <p className="mt-2 text-sm" data-withdrawn-part>
                    {s.withdrawn.state === 'revoked'
                      ? <>Your badge for “{s.withdrawn.title}”, one of its parts, was revoked, so this stack cannot be completed. </>
                      : <>Your badge for “{s.withdrawn.title}”, one of its parts, is on hold. It counts again if the issuer reinstates it. </>}
                    <Link href={`/credentials/${s.withdrawn.awardId}`}>{s.withdrawn.state === 'revoked' ? 'See why it was revoked' : 'See why it is on hold'}<span className="sr-only">: {s.withdrawn.title}</span></Link>
                    {'. '}If you have questions, contact <Link href={`/issuers/${s.withdrawn.issuer.slug}`}>{s.withdrawn.issuer.name}</Link>.
                  </p>
                ) : null}
                {s.next ? (
                  <p className="mt-2 text-sm">
                    Next: <Link href={`/micro-credentials/${s.next.slug}`} className="font-semibold">{s.next.title}</Link>
                  </p>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
