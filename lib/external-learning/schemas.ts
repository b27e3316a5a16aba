import { z } from 'zod';
import { oneLine } from '@/lib/auth/schemas';
import { dayFmt, utcDay } from '@/lib/dates';
import { figure } from '@/lib/plural';
import { blankToUndefined } from '@/lib/zod-text';
import { withoutHiddenCharacters } from '@/lib/evidence/file-types';
import { seenAtInput } from '@/lib/seen-at';

// Professional learning a teacher did elsewhere (a workshop, a conference, a university course),
// recorded by the teacher so their PD transcript lists all of it. Self-reported: shown apart from
// verified badges, labelled so, and never added to verified totals. Safe on the client: the form
// uses the limits and the date helper.

export const EXTERNAL_LEARNING_TITLE_MAX = 200;
export const EXTERNAL_LEARNING_PROVIDER_MAX = 200;
export const EXTERNAL_LEARNING_URL_MAX = 2000;
export const EXTERNAL_LEARNING_NOTE_MAX = 2000;
/** PD hours of one entry: half an hour to 1,000, to one decimal as every PD-hours figure in the app (Decimal(6,1)). */
export const EXTERNAL_LEARNING_HOURS_MIN = 0.5;
export const EXTERNAL_LEARNING_HOURS_MAX = 1000;
/** No entry is older: an earlier date is a typo (1921 for 2021). The transcript's and the reports' floor too. */
export const EXTERNAL_LEARNING_EARLIEST = '2000-01-01';
/** Entries one account keeps: a career's worth of workshops and courses, and a bound on every list and print. */
export const EXTERNAL_LEARNING_MAX_ENTRIES = 500;

/** "14 Mar 2026" for a YYYY-MM-DD label. */
export const dayInWords = (label: string) => dayFmt.format(utcDay(label)!);

/**
 * The zone furthest ahead (UTC+14): its calendar day is the latest anywhere, so nobody whose zone
 * is not known is refused the day it is where they are.
 */
const LATEST_ZONE = 'Pacific/Kiritimati';

/** The calendar day (YYYY-MM-DD) `at` falls on in `timeZone`; null when the runtime does not know the zone. */
export function dayIn(at: Date, timeZone: string): string | null {
  try {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
    const label = `${part('year')}-${part('month')}-${part('day')}`;
    return utcDay(label) ? label : null;
  } catch {
    return null;
  }
}

/**
 * The latest day a teacher may say they completed something: today where they are (their time
 * zone, ADR 023), so a course finished this evening in Auckland is not "in the future" because it
 * is still yesterday in UTC. With no zone known (or one this runtime no longer knows), today in the
 * zone furthest ahead: a day early for some, never a refusal of their own today.
 */
export function latestCompletedOn(timeZone: string | null | undefined, now = new Date()): string {
  return (timeZone ? dayIn(now, timeZone) : null) ?? dayIn(now, LATEST_ZONE)!;
}

const DATE_EXAMPLE = 'like 2026-03-14';
const text = (missing: string) => z.string({ error: missing }).overwrite((s) => s.replaceAll('\u0000', ''));

/** One line of text (a line break would start a paragraph of its own in a print): required, at most `max` characters. */
const oneLineText = (missing: string, max: number) =>
  text(missing).overwrite(oneLine).min(1, missing).max(max, `Use at most ${figure(max)} characters.`);

/** A web address of a record of completion: https only, as a browser reads it (the parsed form is stored); empty: none. */
const RecordUrl = text('Enter a web address, or leave the box empty.')
  .trim()
  .max(EXTERNAL_LEARNING_URL_MAX, { error: `Use at most ${figure(EXTERNAL_LEARNING_URL_MAX)} characters.`, abort: true })
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || httpsHref(v) !== null, 'Enter a full web address starting with https://, like https://example.org/certificate.')
  .transform((v) => (v === null ? null : httpsHref(v)!))
  // The parsed form can be longer than what was typed (an international domain name in its ASCII form).
  .refine((v) => v === null || v.length <= EXTERNAL_LEARNING_URL_MAX, `Use at most ${figure(EXTERNAL_LEARNING_URL_MAX)} characters.`);

/** An absolute https: address with a host, as the browser's URL parser reads it; null for anything else. */
export function httpsHref(value: string): string | null {
  if (/\s/.test(value)) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname ? url.href : null;
  } catch {
    return null;
  }
}

/** "7,5" as typed where a comma is the decimal mark: read as 7.5. */
const decimalComma = (v: unknown) => (typeof v === 'string' && /^\s*\d+,\d+\s*$/.test(v) ? v.replace(',', '.') : v);
const oneDecimal = (n: number) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9;
const HOURS_RULE = `Enter the PD hours as a number from ${EXTERNAL_LEARNING_HOURS_MIN} to ${figure(EXTERNAL_LEARNING_HOURS_MAX)}, like 3 or 7.5.`;

const PdHours = z.preprocess(
  (v) => decimalComma(blankToUndefined(v)),
  z.coerce
    .number({ error: HOURS_RULE })
    .min(EXTERNAL_LEARNING_HOURS_MIN, `Enter at least ${EXTERNAL_LEARNING_HOURS_MIN} PD hours.`)
    .max(EXTERNAL_LEARNING_HOURS_MAX, `Enter at most ${figure(EXTERNAL_LEARNING_HOURS_MAX)} PD hours.`)
    .refine(oneDecimal, 'Use at most one decimal place, like 7.5.'),
);

/**
 * The day it was completed: a real calendar day (2026-02-30 is not), from EXTERNAL_LEARNING_EARLIEST
 * up to `today` (latestCompletedOn: the teacher's own today). What was typed is not repeated in a
 * message.
 */
const CompletedOn = (today: string) =>
  text(`Enter the day you completed it, ${DATE_EXAMPLE}.`)
    .trim()
    .max(40, { error: `Enter the date as year-month-day, ${DATE_EXAMPLE}.`, abort: true })
    .refine((v) => v !== '', { error: `Enter the day you completed it, ${DATE_EXAMPLE}.`, abort: true })
    .refine((v) => utcDay(v) !== null, { error: `That is not a real date. Enter it as year-month-day, ${DATE_EXAMPLE}.`, abort: true })
    // ISO day labels compare as dates.
    .refine((v) => v >= EXTERNAL_LEARNING_EARLIEST, `Enter a date on or after ${dayInWords(EXTERNAL_LEARNING_EARLIEST)}.`)
    .refine((v) => v <= today, `That date is in the future. Enter the day you completed it: today (${dayInWords(today)}) or earlier.`)
    .transform((v) => utcDay(v)!);

/** The teacher's own words about it: line breaks kept (as one \n each, what the browser's counter counts), at most 2,000 characters. */
const Note = text('Enter a note, or leave the box empty.')
  .overwrite((s) => s.replace(/\r\n?/g, '\n'))
  .trim()
  .max(EXTERNAL_LEARNING_NOTE_MAX, `Use at most ${figure(EXTERNAL_LEARNING_NOTE_MAX)} characters.`)
  .optional()
  .transform((v) => v || null);

/** The fields of an entry, checked against the teacher's `today` (latestCompletedOn). */
export function externalLearningFields(today: string) {
  return z.object({
    title: oneLineText('Enter the title of the workshop, conference or course.', EXTERNAL_LEARNING_TITLE_MAX),
    provider: oneLineText('Enter who provided it: an organisation, a university or a conference.', EXTERNAL_LEARNING_PROVIDER_MAX),
    completedOn: CompletedOn(today),
    pdHours: PdHours,
    url: RecordUrl,
    note: Note,
  });
}

export type ExternalLearningFields = z.infer<ReturnType<typeof externalLearningFields>>;

export const ENTRY_NOT_FOUND = 'That entry could not be found: it may have been deleted already. Reload the page to see your list.';

/** An entry's id as the page wrote it (a cuid); anything else is no entry, and is not sent to Postgres. */
export const EntryId = z.string({ error: ENTRY_NOT_FOUND }).regex(/^[A-Za-z0-9_-]{1,64}$/, ENTRY_NOT_FOUND);

export const ENTRY_OUT_OF_DATE = 'This entry was changed in another tab or window after you opened it. Reload the page to see it as saved, then make your change again.';

/** When the entry was last saved, as the edit form showed it: a save on top of a newer one is refused. */
export const SeenAt = seenAtInput(ENTRY_OUT_OF_DATE);

export const AddExternalLearningInput = (today: string) => externalLearningFields(today);
export const EditExternalLearningInput = (today: string) => externalLearningFields(today).extend({ id: EntryId, seenAt: SeenAt });
export const DeleteExternalLearningInput = z.object({ id: EntryId });

// ── Certificates of completion (lib/external-learning/certificates.ts) ──

export const CERTIFICATE_NOT_FOUND = 'That certificate could not be found: it may have been removed, or its entry deleted. Reload the page to see your list.';

/** A certificate's id as the page was given it (a cuid); anything else is no certificate, and is not sent to Postgres. */
export const CertificateId = z.string({ error: CERTIFICATE_NOT_FOUND }).regex(/^[A-Za-z0-9_-]{1,64}$/, CERTIFICATE_NOT_FOUND);

/**
 * "Attach a certificate": what the browser says of the chosen file. The type and the size are
 * checked against what a certificate may be by requestCertificateUpload (one message for both,
 * as the browser says it, certificateFileProblem); here only their shape.
 */
export const RequestCertificateUploadInput = z.object({
  learningId: EntryId,
  // Without control or format characters (withoutHiddenCharacters), as evidence file names.
  fileName: text('The file needs a name.').overwrite(withoutHiddenCharacters).trim().min(1, 'The file needs a name.').max(255, 'The file name is too long (255 characters at most).'),
  contentType: z.string({ error: 'The file’s type could not be read. Choose the file again.' }).trim().max(200, 'The file’s type could not be read. Choose the file again.').default('application/octet-stream'),
  size: z.coerce.number({ error: 'The file’s size is missing.' }).int('The file’s size is not a whole number of bytes.').min(0).max(Number.MAX_SAFE_INTEGER),
});

export const CompleteCertificateUploadInput = z.object({ certificateId: CertificateId });
export const RemoveCertificateInput = z.object({ learningId: EntryId });
export const CancelCertificateUploadInput = z.object({ certificateId: CertificateId });
