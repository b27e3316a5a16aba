import type { ReactNode } from 'react';
import { schoolYearOf, type AwardState } from '@/lib/reporting/teacher-record';
import type { Transcript, TranscriptPeriod } from '@/lib/reporting/transcript';
import { dayFmt, utcDay } from '@/lib/dates';
import { levelInWords } from '@/components/credentials/level-words';
import type { SelfReportedSection } from '@/lib/external-learning/queries';
import { plural } from '@/lib/plural';
import { SELF_REPORTED_HEADING } from '@/components/external-learning/entry-words';
import { SelfReportedTable } from '@/components/external-learning/self-reported-table';

// The printable transcript (/badges/transcript): written for the licensing office that reads it on
// paper, so every link is printed in full and every status and rule is said in words.

const timeFmt = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' });
const day = (label: string) => dayFmt.format(utcDay(label)!);
const hours = (n: number) => `${n}`;

/** The period in words, as the transcript's header and the period chooser say it. */
export function describePeriod(period: TranscriptPeriod, producedAt: Date): string {
  const range = period.fromLabel && period.toLabel ? `${day(period.fromLabel)} to ${day(period.toLabel)}` : null;
  switch (period.choice) {
    case 'all':
      return `All time: every badge issued up to ${dayFmt.format(producedAt)}`;
    case 'last-5-years':
      return `The last 5 years: ${range}`;
    case 'this-school-year':
      return `School year ${schoolYearOf(utcDay(period.fromLabel!)!).label}: ${range}`;
    default:
      return range ?? `Every badge issued up to ${day(period.toLabel!)}`;
  }
}

/** A badge's standing in words, as printed records (the transcript, a district's teacher record) say it. */
export const STATE_WORDS: Record<AwardState, string> = {
  valid: 'Valid',
  expired: 'Expired',
  suspended: 'Suspended by the issuer',
  revoked: 'Revoked by the issuer',
};

/** One labelled line of a printed record's header (a term and its description). */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 sm:flex-row sm:gap-3 print:flex-row print:gap-3">
      <dt className="font-semibold sm:w-40 sm:shrink-0 print:w-40 print:shrink-0">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Whose transcript, what it covers, and when it was produced. */
export function TranscriptHeader({ transcript: t }: { transcript: Transcript }) {
  return (
    <dl className="mb-6 space-y-1.5 rounded-lg border border-slate-300 bg-white p-4 print:border-slate-500">
      <Row label="Name">{t.holder.name}</Row>
      <Row label="Email">{t.holder.email}</Row>
      {t.holder.licenceNumber ? <Row label="Licence number">{t.holder.licenceNumber}</Row> : null}
      {t.holder.districtName ? <Row label="District">{t.holder.districtName}</Row> : null}
      {t.holder.schoolName ? <Row label="School">{t.holder.schoolName}</Row> : null}
      <Row label="Period covered">{describePeriod(t.period, t.producedAt)}</Row>
      <Row label="Produced">
        {dayFmt.format(t.producedAt)} at {timeFmt.format(t.producedAt)} UTC. Each badge’s status is as of then.
      </Row>
    </dl>
  );
}

function HoursCell({ row }: { row: Transcript['rows'][number] }) {
  const note = row.stack
    ? 'a stack: its hours are counted on the micro-credentials it is made of'
    : row.state === 'revoked' && row.pdHours > 0
      ? `${hours(row.pdHours)} not counted: revoked`
      : row.state === 'suspended' && row.countedHours > 0
        ? 'counted; suspended'
        : null;
  return (
    <>
      <span className="font-semibold">{hours(row.countedHours)}</span>
      {note ? <span className="block text-xs text-slate-700">({note})</span> : null}
    </>
  );
}

/**
 * The totals, the list of badges and how to check them; then, apart, `otherLearning`: what the
 * holder recorded themselves in the same period (lib/external-learning), with its own total, never
 * added to the badges' hours.
 */
export function TranscriptBody({ transcript: t, otherLearning }: { transcript: Transcript; otherLearning?: SelfReportedSection | null }) {
  const bounded = Boolean(t.period.from || t.period.to);
  const selfReported = otherLearning?.rows.length ? otherLearning : null;
  return (
    <>
      <section aria-labelledby="totals-heading" className="mb-8">
        <h2 id="totals-heading" className="text-xl font-semibold">PD hours</h2>
        <p className="mt-2 text-lg">
          <strong>{hours(t.totalHours)} PD hours</strong> counted in the period, from {t.rows.length} badge{t.rows.length === 1 ? '' : 's'} listed.
        </p>
        {selfReported ? (
          <p className="mt-1 max-w-prose">
            Not included: {hours(selfReported.totalHours)} PD hours of other professional learning that {t.holder.name} reported themselves ({plural(selfReported.rows.length, 'entry', 'entries')}), listed separately below under “{SELF_REPORTED_HEADING}”. They are not verified.
          </p>
        ) : null}
        {t.years.length ? (
          <div className="mt-3 max-w-md overflow-x-auto print:overflow-visible" tabIndex={0} role="region" aria-label="PD hours per school year">
            <table className="w-full border-collapse text-sm">
              <caption className="mb-1 text-left font-semibold">PD hours per school year (July to June)</caption>
              <thead>
                <tr className="border-b border-slate-400 text-left">
                  <th scope="col" className="py-1.5 pr-3">School year</th>
                  <th scope="col" className="py-1.5 pr-3 text-right">Badges issued</th>
                  <th scope="col" className="py-1.5 text-right">PD hours counted</th>
                </tr>
              </thead>
              <tbody>
                {t.years.map((y) => (
                  <tr key={y.label} className="border-b border-slate-200">
                    <th scope="row" className="py-1.5 pr-3 text-left font-normal">{y.label}</th>
                    <td className="py-1.5 pr-3 text-right">{y.badges}</td>
                    <td className="py-1.5 text-right">{hours(y.hours)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="border-t-2 border-slate-400 font-semibold">
                  <th scope="row" className="py-1.5 pr-3 text-left">Total</th>
                  <td className="py-1.5 pr-3 text-right">{t.rows.length}</td>
                  <td className="py-1.5 text-right">{hours(t.totalHours)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        ) : null}
        <p className="mt-3 max-w-prose text-sm text-slate-800">
          Hours are counted as on the holder’s own record. A revoked badge is listed but its hours are not counted. An expired badge’s hours still count: they were earned while it was valid. A suspended badge (put on hold by its issuer, for example while a concern is looked into) is listed as suspended and its hours still count unless the issuer revokes it
          {t.suspendedHours > 0 ? <>; <strong>{hours(t.suspendedHours)} of the hours above come from suspended badges</strong></> : null}. A stack credential, awarded for completing every micro-credential in a stack, adds no hours of its own: they are counted on those micro-credentials.
          {bounded && t.years.length ? ' A school year only partly inside the period counts only the badges issued inside it.' : null}
        </p>
      </section>

      <section aria-labelledby="badges-heading" className="mb-8">
        <h2 id="badges-heading" className="text-xl font-semibold">Badges issued in the period</h2>
        {t.rows.length ? (
          <div className="mt-3 overflow-x-auto rounded-lg border border-slate-300 bg-white print:overflow-visible print:rounded-none print:border-0" tabIndex={0} role="region" aria-label="Badges issued in the period">
            <table className="w-full min-w-[52rem] border-collapse text-sm print:min-w-0 print:text-[9pt]">
              <caption className="sr-only">Badges issued in the period, oldest first</caption>
              <thead className="bg-slate-50 text-left print:bg-white">
                <tr className="border-b border-slate-400">
                  <th scope="col" className="p-2">Badge and where to verify it</th>
                  <th scope="col" className="p-2">Issued by</th>
                  <th scope="col" className="p-2">Level</th>
                  <th scope="col" className="p-2">Issued</th>
                  <th scope="col" className="p-2">Valid until</th>
                  <th scope="col" className="p-2">Status</th>
                  <th scope="col" className="p-2 text-right">PD hours counted</th>
                </tr>
              </thead>
              <tbody>
                {t.rows.map((r) => (
                  <tr key={r.id} className="border-b border-slate-200 align-top print:break-inside-avoid">
                    <td className="p-2">
                      <span className="font-semibold">{r.title}</span>
                      <span className="block text-xs text-slate-700">{r.stack ? 'Stack credential' : 'Micro-credential'}</span>
                      <span className="mt-1 block text-xs">
                        Verify at: <a href={r.url} className="break-all">{r.url}</a>
                      </span>
                      <span className="block text-xs">
                        Credential ID: <span className="break-all font-mono">{r.id}</span>
                      </span>
                    </td>
                    <td className="p-2">{r.issuer}</td>
                    <td className="p-2">{levelInWords(r.level) ?? 'No level'}</td>
                    <td className="whitespace-nowrap p-2">{dayFmt.format(r.issuedAt)}</td>
                    <td className="whitespace-nowrap p-2">{r.validUntil ? dayFmt.format(r.validUntil) : 'No end date'}</td>
                    <td className="p-2">{STATE_WORDS[r.state]}</td>
                    <td className="p-2 text-right"><HoursCell row={r} /></td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="border-t-2 border-slate-400 font-semibold">
                  <th scope="row" colSpan={6} className="p-2 text-right">Total PD hours counted in the period</th>
                  <td className="p-2 text-right">{hours(t.totalHours)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        ) : (
          <p className="mt-2">No badge was issued to {t.holder.name} in this period.</p>
        )}
      </section>

      {selfReported ? <SelfReportedTranscriptSection holder={t.holder.name} section={selfReported} verifiedHours={t.totalHours} /> : null}

      <section aria-labelledby="verify-heading" className="mb-8 print:break-inside-avoid">
        <h2 id="verify-heading" className="text-xl font-semibold">How to verify</h2>
        <p className="mt-2 max-w-prose">
          Each badge listed is an Open Badges 3.0 credential, digitally signed by the organisation that issued it. Anyone can check one, without an account, by opening its “Verify at” link (or typing it into a web browser): the page shows whether the badge is valid today, or has expired or been suspended or revoked. The signed credential file can be downloaded from that page (“Credential (JSON)”) and uploaded at <a href={t.verifyUrl} className="break-all">{t.verifyUrl}</a>, which checks its signature, that it has not been altered, and its status; entering the holder’s email address there confirms it was issued to them. The status printed here is as of the date this transcript was produced; the link always shows the current one.
        </p>
      </section>
    </>
  );
}

/** The holder's own record of learning done elsewhere in the period: labelled, totalled on its own, never in the badges' total. */
function SelfReportedTranscriptSection({ holder, section, verifiedHours }: { holder: string; section: SelfReportedSection; verifiedHours: number }) {
  return (
    <section aria-labelledby="self-reported-heading" className="mb-8">
      <h2 id="self-reported-heading" className="text-xl font-semibold">{SELF_REPORTED_HEADING}</h2>
      <p className="mt-2 max-w-prose">
        Workshops, conferences and courses outside this site that {holder} completed in the period, as they recorded them. <strong>Self-reported: not verified by any issuer</strong>, and not part of the {hours(verifiedHours)} PD hours counted from badges above.
      </p>
      <p className="mt-2 text-lg">
        <strong>{hours(section.totalHours)} self-reported PD hours</strong> in the period, from {plural(section.rows.length, 'entry', 'entries')}.
      </p>
      <SelfReportedTable
        rows={section.rows}
        totalHours={section.totalHours}
        caption={`${SELF_REPORTED_HEADING}, completed in the period, oldest first`}
        label={SELF_REPORTED_HEADING}
        withRecord
        totalLabel="Total self-reported PD hours in the period (not verified)"
      />
    </section>
  );
}
