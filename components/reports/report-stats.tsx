import type { PdHoursRow, RenewalRow, SalaryStepRow } from '@/lib/reporting/district';
import { formatCents } from '@/lib/reporting/salary-steps';
import { Stat } from '@/components/ui/card';

/** The period's headline figures; `withPay` adds what the steps reached cost a year (ADR 016: district only). */
export function ReportStats({ byTeacher, renewal, steps, withPay }: { byTeacher: PdHoursRow[]; renewal: RenewalRow[]; steps: SalaryStepRow[]; withPay: boolean }) {
  // One decimal, as teachers' own records show hours (a float sum shows 3.3000000000000003).
  const totalHours = Math.round(byTeacher.reduce((s, r) => s + r.hours, 0) * 10) / 10;
  // A teacher counts once however many badges they earned (PdHoursRow.credentials: badges issued in the period, none revoked).
  const earnedOne = byTeacher.filter((r) => r.credentials > 0).length;
  return (
    <dl className={`mb-8 grid grid-cols-2 gap-4 ${withPay ? 'md:grid-cols-4' : 'md:grid-cols-3'}`}>
      <Stat label="PD hours in period" value={String(totalHours)} />
      <Stat label="Credentials earned" value={String(renewal.length)} />
      <Stat label="Teachers who earned a credential in this period" value={`${earnedOne} of ${byTeacher.length}`} />
      {withPay ? <Stat label="Yearly salary increases from steps reached" value={formatCents(steps.reduce((s, r) => s + r.amountCents, 0))} /> : null}
    </dl>
  );
}
