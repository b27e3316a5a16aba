import { utcDay } from '@/lib/dates';
import { figure, plural } from '@/lib/plural';
import type { DistrictTeacherRecord, RecordLicenceCycle } from '@/lib/district/queries';
import { ProgressBar } from '@/components/ui/progress';
import { dayFmt } from '@/components/reports/format';
import { pdHoursInWords, SELF_REPORTED_HEADING } from '@/components/external-learning/entry-words';

/** "24 Nov 2026" for a YYYY-MM-DD label, as the district's reports write a day. */
const day = (label: string) => dayFmt.format(utcDay(label)!);

/**
 * On a teacher's record: their PD hours toward licence renewal over the district's cycle ending
 * today, against the hours the district asks for, counted by its licence-renewal report's rule. The
 * teacher's own renewal date and licence number are theirs (ADR 024): the record says it counts
 * back from today instead, so a reader does not mistake it for the teacher's own count.
 */
export function RecordLicenceCycleSection({ record, cycle }: { record: DistrictTeacherRecord; cycle: RecordLicenceCycle }) {
  const { teacher } = record;
  return (
    <section aria-labelledby="licence-cycle-heading" className="mb-8 print:break-inside-avoid">
      <h2 id="licence-cycle-heading" className="text-xl font-semibold">PD hours toward licence renewal</h2>
      {cycle.set ? <Counted name={teacher.name} districtName={teacher.districtName} cycle={cycle} /> : (
        <p className="mt-2 max-w-prose">{teacher.districtName} has not set the PD hours a licence renewal needs, so there is no renewal count to show. The badges below still say whether each counts toward renewal.</p>
      )}
    </section>
  );
}

function Counted({ name, districtName, cycle }: { name: string; districtName: string; cycle: Extract<RecordLicenceCycle, { set: true }> }) {
  const left = Math.round((cycle.hoursRequired - cycle.hours) * 10) / 10;
  const years = plural(cycle.cycleYears, 'year');
  return (
    <>
      <p className="mt-2">
        <strong>{figure(cycle.hours)} of {pdHoursInWords(cycle.hoursRequired)}</strong> toward licence renewal in the {years} up to today ({day(cycle.fromLabel)} to {day(cycle.toLabel)}).{' '}
        {left > 0 ? `${pdHoursInWords(left)} short of what ${districtName} asks for each renewal.` : `That meets the ${pdHoursInWords(cycle.hoursRequired)} ${districtName} asks for each renewal.`}
      </p>
      <div className="mt-2 max-w-md">
        <ProgressBar value={cycle.hours} max={cycle.hoursRequired} label="PD hours toward licence renewal, cycle ending today" valueText={`${figure(cycle.hours)} of ${pdHoursInWords(cycle.hoursRequired)}`} />
      </div>
      <p className="mt-2 max-w-prose text-sm text-slate-800">
        Counted as {districtName}’s licence-renewal report counts: the PD hours of {name}’s micro-credential badges issued in those {years}, {plural(cycle.badges, 'badge')} in all; revoked badges do not count
        {cycle.cycleAssumed ? ` (${districtName} has not set how long its renewal cycle is, so ${years} are counted)` : ''}.
        {cycle.onlyApproved ? ` Only badges from issuers and micro-credentials ${districtName} has approved count.` : ''}
        {cycle.notApproved.badges ? ` Not counted: ${plural(cycle.notApproved.badges, 'badge')} (${pdHoursInWords(cycle.notApproved.hours)}) that ${districtName} has not approved.` : ''}
        {cycle.suspendedHours ? ` The count includes ${pdHoursInWords(cycle.suspendedHours)} from suspended badges: check them before filing.` : ''}
        {cycle.selfReported.entries ? ` Not counted either: ${pdHoursInWords(cycle.selfReported.hours)} of other professional learning ${name} recorded themselves in the same period (self-reported, listed under “${SELF_REPORTED_HEADING}”).` : ''}
      </p>
      <p className="mt-2 max-w-prose text-sm text-slate-800">
        This counts back from today, not from {name}’s own renewal date: the date their licence is due and its number are theirs to share, so this record does not show them.
      </p>
    </>
  );
}
