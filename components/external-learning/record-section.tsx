import type { RecordEntry } from '@/lib/external-learning/queries';
import { figure, plural } from '@/lib/plural';
import { MoreThanShown } from '@/components/district/more-than-shown';
import { SELF_REPORTED_HEADING } from '@/components/external-learning/entry-words';
import { SelfReportedTable } from '@/components/external-learning/self-reported-table';

type OnRecord = { entries: number; hours: number; items: RecordEntry[]; withLinksAndNotes: boolean };

/**
 * A teacher's other professional learning on the record their leaders read (/district/teachers/[id]):
 * in a section of its own, labelled self-reported, with its own total, outside every verified figure
 * of the record. A principal's copy comes without links, notes and certificates (externalLearningOnRecord).
 */
export function OtherLearningOnRecord({ teacherName, limit, otherLearning: o }: { teacherName: string; limit: number; otherLearning: OnRecord }) {
  return (
    <section aria-labelledby="self-reported-heading" className="mb-8">
      <h2 id="self-reported-heading" className="text-xl font-semibold">{SELF_REPORTED_HEADING}</h2>
      <p className="mt-1 max-w-prose text-sm text-slate-800">
        Workshops, conferences and courses outside this site, as {teacherName} recorded them. <strong>Self-reported: not verified by any issuer.</strong> These hours are not in the PD hours, salary steps or licence renewal counts above.
        {o.withLinksAndNotes ? null : ' A school leader’s copy lists what, who provided it, when and the hours; the teacher’s links, notes and certificates go to the district office.'}
      </p>
      {o.entries ? (
        <>
          <p className="mt-2"><strong>{figure(o.hours)} self-reported PD hours</strong> from {plural(o.entries, 'entry', 'entries')}.</p>
          <SelfReportedTable
            rows={o.items}
            totalHours={o.hours}
            caption={`${SELF_REPORTED_HEADING} of ${teacherName}, most recently completed first`}
            label={`${SELF_REPORTED_HEADING} of ${teacherName}`}
            withRecord={o.withLinksAndNotes}
            // Only the district's copy holds certificates (externalLearningOnRecord); they open for its leaders alone.
            certificateLinks={o.withLinksAndNotes}
            totalLabel={o.entries > o.items.length ? `Total self-reported PD hours, all ${figure(o.entries)} entries (not verified)` : 'Total self-reported PD hours (not verified)'}
          />
          <MoreThanShown shown={o.items.length} total={o.entries} limit={limit} />
        </>
      ) : (
        <p className="mt-2">{teacherName} has not recorded any.</p>
      )}
    </section>
  );
}
