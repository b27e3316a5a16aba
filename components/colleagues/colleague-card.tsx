import Link from 'next/link';
import type { ColleagueBadge, ColleagueCard as Colleague, ColleagueWork } from '@/lib/colleagues/queries';
import { monthInWords } from '@/lib/colleagues/words';
import { Card, Pill } from '@/components/ui/card';

const ALSO_MINE = 'You are working on this too';

/** "Level 2 · earned March 2026": what is said beside a title (never a day). */
function badgeDetails(b: ColleagueBadge): string {
  return [b.stack ? 'Stack' : b.level ? `Level ${b.level}` : null, `earned ${monthInWords(b.earnedMonth)}`].filter(Boolean).join(' · ');
}

/** A title, linked to its catalogue page when it has one. */
function Title({ title, href }: { title: string; href: string | null }) {
  return href ? <Link href={href} className="font-medium">{title}</Link> : <span className="font-medium">{title}</span>;
}

function AlsoMine({ on }: { on: boolean }) {
  return on ? <> <Pill tone="success">{ALSO_MINE}</Pill></> : null;
}

/** "and 4 more", after a list cut to its first few. */
function More({ count }: { count: number }) {
  return count ? <p className="mt-1 text-sm text-slate-700">and {count} more</p> : null;
}

/**
 * One colleague on /colleagues: their name (a heading under the list's), headline, public
 * portfolio (only while public), the badges on their portfolio with level and month earned, and
 * what they are working on, each list cut to its first few with how many more (listColleagues).
 * Items the viewer is working on too say so in words.
 */
export function ColleagueCard({ colleague: c }: { colleague: Colleague }) {
  return (
    <Card as="li">
      <h3 className="text-lg font-semibold">{c.name}</h3>
      {c.headline ? <p className="text-slate-800">{c.headline}</p> : null}
      {c.portfolioHref ? (
        <p className="mt-1 text-sm">
          <Link href={c.portfolioHref}>{c.name}’s public portfolio</Link>
        </p>
      ) : null}
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        <div>
          <h4 className="text-sm font-semibold uppercase tracking-wide text-slate-700">Badges</h4>
          {c.badges.items.length ? (
            <>
              <ul className="mt-1 space-y-1">
                {c.badges.items.map((b, i) => (
                  <li key={i}>
                    <Title title={b.title} href={b.href} />
                    <AlsoMine on={b.alsoMine} />
                    <span className="block text-sm text-slate-700">{badgeDetails(b)}</span>
                  </li>
                ))}
              </ul>
              <More count={c.badges.more} />
            </>
          ) : (
            <p className="mt-1 text-sm text-slate-700">No badges to show yet.</p>
          )}
        </div>
        <div>
          <h4 className="text-sm font-semibold uppercase tracking-wide text-slate-700">Working on</h4>
          {c.work.items.length ? (
            <>
              <ul className="mt-1 space-y-1">
                {c.work.items.map((w: ColleagueWork, i) => (
                  <li key={i}>
                    <Title title={w.title} href={w.href} />
                    <AlsoMine on={w.alsoMine} />
                    {w.level ? <span className="block text-sm text-slate-700">Level {w.level}</span> : null}
                  </li>
                ))}
              </ul>
              <More count={c.work.more} />
            </>
          ) : (
            <p className="mt-1 text-sm text-slate-700">No micro-credential in progress.</p>
          )}
        </div>
      </div>
    </Card>
  );
}
