import type { SkillsCounts, SkillsReport } from '@/lib/reporting/district';
import type { Period } from '@/lib/reporting/schemas';
import { utcDay } from '@/lib/dates';
import { BarChart } from '@/components/charts/bar-chart';
import { Card } from '@/components/ui/card';
import { TableScroll } from '@/components/ui/table-scroll';
import { ReportHeading } from '@/components/reports/report-heading';
import { dayFmt } from '@/components/reports/format';

/** Micro-credentials listed under each topic on the page; the rest are in the CSV download. */
export const CREDENTIALS_PER_TOPIC = 10;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
// One decimal, as the other reports show hours.
const hours = (h: number) => String(Math.round(h * 10) / 10);
const HEADERS = ['Badges earned', 'Teachers', 'PD hours', 'Understanding (level 1)', 'In the classroom (level 2 and above)', 'In progress now'];

/**
 * Which skills the teachers are building: badges earned in the period by topic (a bar chart, its
 * numbers also written beside each bar and in a table), and a table by topic and micro-credential
 * with the level split and the teachers working toward each one today.
 */
export function SkillsSection({ skills, period, csvHref, who }: {
  skills: SkillsReport;
  period: Period;
  csvHref: string;
  /** Whose teachers, for the sentences: "the district's teachers", "teachers placed at Alder Middle". */
  who: string;
}) {
  const { topics, totals } = skills;
  const credentialCount = topics.reduce((n, t) => n + t.credentials.length, 0);
  const earnedTopics = topics.filter((t) => t.badges > 0);
  const span = `${dayFmt.format(period.from)} to ${dayFmt.format(utcDay(period.toLabel)!)}`;
  const working = `${plural(totals.inProgress, 'teacher is', 'teachers are')} working toward one now.`;
  return (
    <section aria-labelledby="skills-h" className="mb-10">
      <ReportHeading id="skills-h" title="Skills your teachers are building" csvHref={csvHref} csvLabel={<>Download CSV ({plural(credentialCount, 'micro-credential', 'micro-credentials')})</>} />
      <p className="mb-3 max-w-prose text-sm text-slate-700">
        Badges {who} earned from {span}, by topic. A level 1 badge shows a teacher understands a practice; level 2 and above shows they use it in their own classroom. “In progress now” counts teachers working toward a badge today, whatever the period: drafting or with reviewers. Work a teacher stopped is not counted.
      </p>
      {topics.length === 0 ? (
        <Card><p>No badges were earned in this period, and no one is working toward one right now.</p></Card>
      ) : (
        <>
          <p className="mb-2 text-sm">
            {totals.badges === 0
              ? `No badges were earned in this period. ${working}`
              : `${plural(totals.badges, 'badge', 'badges')} earned by ${plural(totals.teachers, 'teacher', 'teachers')} in ${plural(earnedTopics.length, 'topic', 'topics')}: ${totals.understanding} for understanding (level 1) and ${totals.classroom} in the classroom (level 2 and above)${totals.unlevelled ? `, ${totals.unlevelled} with no level` : ''}. ${working}`}
          </p>
          <div className="mb-4 max-w-3xl">
            <BarChart
              title="Badges earned by topic"
              description={`From ${span}; topics with none earned are left out`}
              valueHeading="Badges earned"
              color="#0f766e"
              data={earnedTopics.map((t) => ({ label: t.topic, value: t.badges, display: `${t.badges} (${plural(t.teachers, 'teacher', 'teachers')})` }))}
            />
          </div>
          <TableScroll label="Badges earned by topic and micro-credential">
            <table className="w-full text-sm">
              <caption className="sr-only">Badges earned by topic and micro-credential: each topic, then its micro-credentials, most badges first</caption>
              <thead className="bg-slate-50 text-left">
                <tr>
                  <th scope="col" className="p-2.5">Topic and micro-credential</th>
                  {HEADERS.map((h) => <th key={h} scope="col" className="p-2.5">{h}</th>)}
                </tr>
              </thead>
              {topics.map((t) => {
                const more = t.credentials.length - CREDENTIALS_PER_TOPIC;
                return (
                  <tbody key={t.topic} className="border-t-2 border-slate-200">
                    <tr className="bg-slate-50/60">
                      <th scope="row" className="p-2.5 text-left">{t.topic}<span className="block text-xs font-normal text-slate-600">All {plural(t.credentials.length, 'micro-credential', 'micro-credentials')} in this topic</span></th>
                      <Cells counts={t} strong />
                    </tr>
                    {t.credentials.slice(0, CREDENTIALS_PER_TOPIC).map((c) => (
                      <tr key={c.microCredentialId} className="border-t border-slate-100">
                        <th scope="row" className="p-2.5 pl-6 text-left font-normal">{c.title}<span className="block text-xs text-slate-600">{c.issuer}</span></th>
                        <Cells counts={c} />
                      </tr>
                    ))}
                    {more > 0 ? (
                      <tr className="border-t border-slate-100"><td colSpan={HEADERS.length + 1} className="p-2.5 pl-6 text-slate-700">{plural(more, 'more micro-credential', 'more micro-credentials')} in this topic in the CSV download.</td></tr>
                    ) : null}
                  </tbody>
                );
              })}
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}

function Cells({ counts: c, strong = false }: { counts: SkillsCounts; strong?: boolean }) {
  const cls = `p-2.5 align-top${strong ? ' font-semibold' : ''}`;
  return (
    <>
      <td className={cls}>{c.badges}</td>
      <td className={cls}>{c.teachers}</td>
      <td className={cls}>{hours(c.hours)}</td>
      <td className={cls}>{c.understanding}</td>
      <td className={cls}>{c.classroom}</td>
      <td className={cls}>{c.inProgress}</td>
    </>
  );
}
