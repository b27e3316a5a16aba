// A teacher's professional development transcript (/badges/transcript): every badge issued to the
// signed-in teacher in a period, with its status, verification link and the PD hours it counts,
// printed for a licensing office at licence renewal. Hours and statuses come from the same rules
// as the teacher's own record (lib/reporting/teacher-record.ts), so the transcript and My badges
// never disagree.
import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import type { Actor } from '@/lib/auth/actor';
import { notFound } from '@/lib/errors';
import { dayAfter, dayFmt, dayLabel, utcDay } from '@/lib/dates';
import { hoursBySchoolYear, schoolYearOf, totalHoursOf, type AwardState } from '@/lib/reporting/teacher-record';
import { recordRowOf, type RecordRow } from '@/lib/reporting/teacher';
import { REPORT_EARLIEST } from '@/lib/reporting/schemas';

// ───────────────────────────── The period ─────────────────────────────

export const TRANSCRIPT_PRESETS = ['all', 'last-5-years', 'this-school-year'] as const;
export type TranscriptPreset = (typeof TRANSCRIPT_PRESETS)[number];

/** No micro-credential on the platform is older: an earlier date is a typo (1921 for 2021). The reports' floor too. */
export const TRANSCRIPT_EARLIEST = REPORT_EARLIEST;
/** An end date may look ahead to the close of a licence cycle, at most this many years. */
export const TRANSCRIPT_YEARS_AHEAD = 5;

export type TranscriptPeriod = {
  choice: TranscriptPreset | 'dates';
  /** First day included (midnight UTC); null: from the first badge. */
  from: Date | null;
  /** Exclusive: midnight UTC after the last day; null: up to the moment the transcript is produced. */
  to: Date | null;
  fromLabel: string | null;
  /** The last day included, as YYYY-MM-DD. */
  toLabel: string | null;
};

export type TranscriptPeriodResult =
  | { ok: true; period: TranscriptPeriod }
  | { ok: false; formError: string; fieldErrors: Partial<Record<'period' | 'from' | 'to', string[]>>; values: { from: string; to: string } };

const humanDay = (label: string) => dayFmt.format(utcDay(label)!);

const dayField = (which: 'start' | 'end') =>
  z
    .string({ error: `Enter one ${which} date, like 2021-07-01.` })
    .overwrite((s) => s.replaceAll('\u0000', ''))
    .trim()
    .max(40, { error: `Enter the ${which} date as year-month-day, like 2021-07-01.`, abort: true })
    .optional()
    .transform((v) => v || undefined)
    // What was typed is not repeated: a link could carry any words into the message.
    .refine((v) => v === undefined || utcDay(v) !== null, `The ${which} date is not a real date. Enter it as year-month-day, like 2021-07-01.`);

/**
 * The transcript's query string, checked against `now`: a quick period (`period`) or dates (`from`,
 * `to`, both optional and inclusive, whole UTC days), never both. A range typed backwards or out of
 * bounds is an error, not quietly turned into another period: a transcript must cover exactly the
 * period its reader was told it covers.
 */
export function transcriptQueryInput(now: Date) {
  const today = dayLabel(now);
  const latest = `${now.getUTCFullYear() + TRANSCRIPT_YEARS_AHEAD}-12-31`;
  return z
    .object({
      period: z.preprocess((v) => (v === '' ? undefined : v), z.enum(TRANSCRIPT_PRESETS, { error: 'Choose one of the periods offered: all time, the last 5 years or this school year.' }).optional()),
      from: dayField('start'),
      to: dayField('end'),
    })
    .superRefine((q, ctx) => {
      if (q.period && (q.from || q.to)) ctx.addIssue({ code: 'custom', path: ['period'], message: 'Choose a quick period or your own dates, not both.' });
      // Bounds only for real dates (a field that is not one already has its message). ISO day
      // labels compare as dates.
      const from = q.from && utcDay(q.from) ? q.from : undefined;
      const to = q.to && utcDay(q.to) ? q.to : undefined;
      if (from && from < TRANSCRIPT_EARLIEST) ctx.addIssue({ code: 'custom', path: ['from'], message: `Choose a start date on or after ${humanDay(TRANSCRIPT_EARLIEST)}.` });
      if (from && from > today) ctx.addIssue({ code: 'custom', path: ['from'], message: `The start date is after today (${humanDay(today)}), so no badge could be in the period. Choose today or an earlier date.` });
      if (to && to < TRANSCRIPT_EARLIEST) ctx.addIssue({ code: 'custom', path: ['to'], message: `Choose an end date on or after ${humanDay(TRANSCRIPT_EARLIEST)}.` });
      if (to && to > latest) ctx.addIssue({ code: 'custom', path: ['to'], message: `Choose an end date no later than ${humanDay(latest)}.` });
      if (from && to && to < from) ctx.addIssue({ code: 'custom', path: ['to'], message: `The end date is before the start date. Choose an end date on or after ${humanDay(from)}.` });
    });
}

/** A quick period's first and last day around `now` (labels, YYYY-MM-DD); null for all time. */
export function presetRange(preset: TranscriptPreset, now: Date): { fromLabel: string; toLabel: string } | null {
  if (preset === 'all') return null;
  if (preset === 'this-school-year') {
    const y = schoolYearOf(now).startYear;
    return { fromLabel: `${y}-07-01`, toLabel: `${y + 1}-06-30` };
  }
  // Five years back to the same calendar day (29 February rolls to 1 March), today included.
  const from = new Date(Date.UTC(now.getUTCFullYear() - 5, now.getUTCMonth(), now.getUTCDate()));
  return { fromLabel: dayLabel(from), toLabel: dayLabel(now) };
}

const firstOf = (v: unknown) => (typeof v === 'string' ? v.replaceAll('\u0000', '').slice(0, 40) : '');

/** The period asked for in the query string (default: all time), or what is wrong with it. */
export function resolveTranscriptPeriod(query: Record<string, string | string[] | undefined>, now = new Date()): TranscriptPeriodResult {
  const parsed = transcriptQueryInput(now).safeParse({ period: query.period, from: query.from, to: query.to });
  if (!parsed.success) {
    const fieldErrors: Partial<Record<'period' | 'from' | 'to', string[]>> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (key === 'period' || key === 'from' || key === 'to') (fieldErrors[key] ??= []).push(issue.message);
    }
    const formError = fieldErrors.period?.[0] ?? 'The period could not be used. Correct the dates below.';
    return { ok: false, formError, fieldErrors, values: { from: firstOf(query.from), to: firstOf(query.to) } };
  }
  const q = parsed.data;
  if (q.period) {
    const range = presetRange(q.period, now);
    return {
      ok: true,
      period: range
        ? { choice: q.period, from: utcDay(range.fromLabel), to: dayAfter(utcDay(range.toLabel)!), ...range }
        : { choice: 'all', from: null, to: null, fromLabel: null, toLabel: null },
    };
  }
  if (!q.from && !q.to) return { ok: true, period: { choice: 'all', from: null, to: null, fromLabel: null, toLabel: null } };
  // Only a start: up to today. Only an end: from the first badge.
  const toLabel = q.to ?? (q.from ? dayLabel(now) : null);
  return {
    ok: true,
    period: { choice: 'dates', from: q.from ? utcDay(q.from) : null, to: toLabel ? dayAfter(utcDay(toLabel)!) : null, fromLabel: q.from ?? null, toLabel },
  };
}

// ───────────────────────────── Rows and totals ─────────────────────────────

/** A badge of the teacher's record (RecordRow), with the hours it counts and its school year. */
export type TranscriptRow = RecordRow & {
  /** The hours it counts toward the totals (0 for a revoked badge, and for a stack, whose hours are its parts'). */
  countedHours: number;
  schoolYear: string;
};

export type SchoolYearSubtotal = { label: string; startYear: number; badges: number; hours: number };

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The hours a badge counts: exactly what hoursBySchoolYear (the teacher's record, the My badges
 * page) would add for it alone, so the rule lives in one place.
 */
export function countedHoursOf(row: { issuedAt: Date; pdHours: number; state: AwardState }): number {
  return hoursBySchoolYear([row]).reduce((s, y) => s + y.hours, 0);
}

/**
 * Totals of the rows of a transcript: PD hours counted in the period, and a subtotal for every
 * school year (July to June) from the first badge's to the last's, years without one included.
 */
export function transcriptTotals(rows: { issuedAt: Date; pdHours: number; state: AwardState }[]): {
  totalHours: number;
  years: SchoolYearSubtotal[];
  /** Hours in the total that come from badges suspended today (they count; the reader should know). */
  suspendedHours: number;
  /** Hours of revoked badges, left out of the total. */
  revokedHours: number;
} {
  const counted = new Map(hoursBySchoolYear(rows).map((y) => [y.startYear, y.hours]));
  const badges = new Map<number, number>();
  for (const r of rows) {
    const y = schoolYearOf(r.issuedAt).startYear;
    badges.set(y, (badges.get(y) ?? 0) + 1);
  }
  const years: SchoolYearSubtotal[] = [];
  if (badges.size) {
    const first = Math.min(...badges.keys());
    const last = Math.max(...badges.keys());
    for (let y = first; y <= last; y++) years.push({ label: schoolYearOf(new Date(Date.UTC(y, 6, 1))).label, startYear: y, badges: badges.get(y) ?? 0, hours: counted.get(y) ?? 0 });
  }
  return {
    totalHours: totalHoursOf(years),
    years,
    suspendedHours: round1(rows.filter((r) => r.state === 'suspended').reduce((s, r) => s + countedHoursOf(r), 0)),
    revokedHours: round1(rows.filter((r) => r.state === 'revoked').reduce((s, r) => s + r.pdHours, 0)),
  };
}

// ───────────────────────────── The transcript ─────────────────────────────

/** More badges than this in one period: the page asks for a shorter period instead of printing part of it. */
export const TRANSCRIPT_MAX_ROWS = 1000;

/**
 * The signed-in teacher's transcript for `period`: their own account and their own awards only
 * (the `where` names them), oldest first. Statuses are as of `now`, the moment it is produced.
 */
export async function getTranscript(opts: { actor: Pick<Actor, 'id'>; period: TranscriptPeriod; now?: Date }) {
  const now = opts.now ?? new Date();
  const { period } = opts;
  const issuedAt = { ...(period.from ? { gte: period.from } : {}), ...(period.to ? { lt: period.to } : {}) };
  const [holder, awards] = await Promise.all([
    db.user.findUnique({ where: { id: opts.actor.id }, select: { name: true, email: true, licenceNumber: true, district: { select: { name: true } }, school: { select: { name: true } } } }),
    db.award.findMany({
      where: { userId: opts.actor.id, ...(period.from || period.to ? { issuedAt } : {}) },
      orderBy: [{ issuedAt: 'asc' }, { id: 'asc' }],
      take: TRANSCRIPT_MAX_ROWS + 1,
      select: { id: true, title: true, level: true, pdHours: true, issuedAt: true, validUntil: true, revokedAt: true, suspendedAt: true, stackId: true, issuer: { select: { name: true } } },
    }),
  ]);
  if (!holder) throw notFound('Your account');
  const tooMany = awards.length > TRANSCRIPT_MAX_ROWS;
  const rows: TranscriptRow[] = tooMany
    ? []
    : awards.map((a) => {
        const row = recordRowOf(a, now);
        return { ...row, countedHours: countedHoursOf(row), schoolYear: schoolYearOf(a.issuedAt).label };
      });
  return {
    // The teacher's own transcript only (never another's): the number a licensing office files it under.
    holder: { name: holder.name, email: holder.email, licenceNumber: holder.licenceNumber, districtName: holder.district?.name ?? null, schoolName: holder.school?.name ?? null },
    period,
    producedAt: now,
    tooMany,
    rows,
    ...transcriptTotals(rows),
    verifyUrl: new URL('/verify', env().APP_URL).toString(),
  };
}

export type Transcript = Awaited<ReturnType<typeof getTranscript>>;
