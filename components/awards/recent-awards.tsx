import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { TableScroll } from '@/components/ui/table-scroll';
import { dayFmt } from '@/components/reports/format';

export type RecentAwardRow = { id: string; title: string; level: number | null; issuedAt: Date; teacherName: string };

/**
 * The overviews' "Recently earned" card (school and district leaders): the newest badges, each
 * linked to its public page. `who` names the teachers, e.g. "teachers at your school".
 */
export function RecentAwards({ awards, who }: { awards: RecentAwardRow[]; who: string }) {
  return (
    <Card className="mt-8">
      <h2 id="recently-earned" className="text-lg font-semibold">Recently earned</h2>
      <p className="mt-1 text-sm text-slate-700">
        The latest badges earned by {who}, newest first. Level 1 shows a teacher understands a method; level 2 and above, that they used it with their students. Badges a teacher has hidden from their portfolio, and suspended or revoked badges, are not listed.
      </p>
      {awards.length ? (
        <TableScroll label="Recently earned badges" className="mt-3">
          <table className="w-full text-left text-sm" aria-labelledby="recently-earned">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-2 pr-4 font-semibold">Teacher</th>
                <th scope="col" className="py-2 pr-4 font-semibold">Badge</th>
                <th scope="col" className="py-2 pr-4 font-semibold">Level</th>
                <th scope="col" className="py-2 font-semibold">Earned</th>
              </tr>
            </thead>
            <tbody>
              {awards.map((a) => (
                <tr key={a.id} className="border-b border-slate-100 last:border-0">
                  <td className="py-2 pr-4">{a.teacherName}</td>
                  <td className="py-2 pr-4">
                    {/* Two teachers can earn the same badge: the link says whose it is, for a list of links. */}
                    <Link href={`/credentials/${a.id}`}>{a.title}<span className="sr-only">, earned by {a.teacherName}</span></Link>
                  </td>
                  <td className="py-2 pr-4 whitespace-nowrap">{a.level ? `Level ${a.level}` : 'No level'}</td>
                  <td className="py-2 whitespace-nowrap"><time dateTime={a.issuedAt.toISOString()}>{dayFmt.format(a.issuedAt)}</time></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="mt-3 text-slate-800">No badges to show yet. When {who} earn badges, the newest appear here.</p>
      )}
    </Card>
  );
}
