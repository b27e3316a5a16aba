import type { PdHoursRow } from '@/lib/reporting/district';
import { BarChart } from '@/components/charts/bar-chart';
import { ReportHeading } from '@/components/reports/report-heading';
import { ReportTable } from '@/components/reports/report-table';
import { SHOWN, monthFmt } from '@/components/reports/format';

/** PD hours per month and per teacher; `withSchool` adds each teacher's school (a report across schools). */
export function PdHoursSection({ byTeacher, byMonth, csvHref, withSchool }: {
  byTeacher: PdHoursRow[];
  byMonth: { month: Date; hours: number }[];
  csvHref: string;
  withSchool: boolean;
}) {
  return (
    <section aria-labelledby="pd-h" className="mb-10">
      <ReportHeading id="pd-h" title="PD hours per teacher" csvHref={csvHref} csvLabel={<>Download CSV ({byTeacher.length === 1 ? '1 teacher' : `all ${byTeacher.length} teachers`})</>} />
      <div className="mb-4 grid gap-4 lg:grid-cols-2">
        <BarChart title="PD hours earned per month" valueHeading="PD hours" data={byMonth.map((m) => ({ label: monthFmt.format(m.month), value: m.hours }))} format={(v) => `${v} h`} />
        <BarChart title="Teachers with the most PD hours" description="Top 12 in the period" valueHeading="PD hours" color="#047857" data={byTeacher.filter((r) => r.hours > 0).slice(0, 12).map((r) => ({ label: r.name, value: r.hours }))} format={(v) => `${v} h`} />
      </div>
      <ReportTable
        caption="PD hours per teacher"
        headers={withSchool ? ['Teacher', 'School', 'Credentials', 'PD hours'] : ['Teacher', 'Credentials', 'PD hours']}
        rows={byTeacher.slice(0, SHOWN).map((r) => [
          <span key="n">{r.name}<span className="block text-xs text-slate-600">{r.email}</span></span>,
          ...(withSchool ? [r.school ?? '—'] : []),
          r.credentials, r.hours,
        ])}
        more={byTeacher.length - SHOWN}
      />
    </section>
  );
}
