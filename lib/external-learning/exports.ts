// Other professional learning in the teacher's downloads: a section of its own after the badges in
// the PD record (CSV), and a key of its own beside the signed credentials in the JSON export. Both
// say "self-reported" and carry their own total, so nobody adds these hours to the verified ones by
// summing one column. Whether a certificate of completion is on file is said (yes or no), never
// where: it opens only through its private, signed-in route. Pure: the routes read the rows
// (lib/external-learning/queries.ts).
import { toCsv } from '@/lib/csv';
import { dayLabel } from '@/lib/dates';
import { schoolYearOf } from '@/lib/reporting/teacher-record';
import type { SelfReportedSection } from '@/lib/external-learning/queries';

export const SELF_REPORTED_CSV_TITLE = 'Other professional learning (self-reported)';
export const SELF_REPORTED_CSV_NOTE = 'Recorded by the holder; not verified by any issuer. These hours are not part of the PD hours of the credentials above.';
export const SELF_REPORTED_CSV_HEADERS = ['Holder', 'Email', 'Title', 'Provided by', 'Completed on', 'School year', 'PD hours (self-reported)', 'Record of completion', 'Note', 'Certificate on file'];
export const SELF_REPORTED_CSV_TOTAL = 'Total PD hours (self-reported)';

/**
 * The CSV section appended to the PD record, after one empty line: its title and what it is, its
 * own header row (its hours column named apart from the credentials' "PD hours"), one row per
 * entry naming the holder (the file may be merged with others), and its total under the hours.
 * Empty text when there are no entries, so a record without any keeps its former shape.
 */
export function selfReportedCsv(section: SelfReportedSection, holder: { name: string; email: string }): string {
  if (!section.rows.length) return '';
  const hoursColumn = SELF_REPORTED_CSV_HEADERS.indexOf('PD hours (self-reported)');
  const total = Array.from({ length: hoursColumn + 1 }, (_, i) => (i === 0 ? SELF_REPORTED_CSV_TOTAL : i === hoursColumn ? section.totalHours : ''));
  const body = toCsv(SELF_REPORTED_CSV_HEADERS, [
    ...section.rows.map((r) => [holder.name, holder.email, r.title, r.provider, dayLabel(r.completedOn), schoolYearOf(r.completedOn).label, r.pdHours, r.url ?? '', r.note ?? '', r.certificate ? 'yes' : 'no']),
    total,
  ]);
  return `\r\n${toCsv([SELF_REPORTED_CSV_TITLE, SELF_REPORTED_CSV_NOTE], [])}${body}`;
}

/** The JSON export's `otherProfessionalLearning`: always present (empty without entries), so the file keeps one shape. */
export function selfReportedJson(section: SelfReportedSection) {
  return {
    selfReported: true,
    verified: false,
    description: 'Professional learning the holder recorded themselves (workshops, conferences, courses). Not verifiable credentials, not checked by any issuer, and not part of the PD hours of the credentials in this file.',
    totalPdHours: section.totalHours,
    entries: section.rows.map((r) => ({ title: r.title, provider: r.provider, completedOn: dayLabel(r.completedOn), pdHours: r.pdHours, url: r.url, note: r.note, certificateOnFile: r.certificate !== null })),
  };
}
