import 'server-only';
import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { validation } from '@/lib/errors';
import { oneLine, PersonNameInput } from '@/lib/auth/schemas';
import { Prisma } from '@/lib/generated/prisma/client';
import { utcDay } from '@/lib/dates';

const HANDLE_RULE = 'Use 2–40 lowercase letters, numbers and hyphens.';

// Every field says what to do in words (zod's own "Too big: expected string…" is not for people).
export const ProfileInput = z.object({
  name: PersonNameInput,
  // The name shown on public pages and badges: on one line, like the name itself.
  publicName: str().overwrite(oneLine).max(120, 'Use at most 120 characters.').optional().transform((v) => v || null),
  handle: str()
    .trim()
    .toLowerCase()
    .max(40, HANDLE_RULE)
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(v), HANDLE_RULE),
  portfolioPublic: z.enum(['on']).optional().transform((v) => v === 'on'),
  emailNotifications: z.enum(['on']).optional().transform((v) => v === 'on'),
});

/**
 * The account page's fields; `hasPassword` is false for accounts that sign in only through OIDC;
 * the address can be corrected only while `emailConfirmed` is false.
 */
export async function getAccount(userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      name: true, email: true, emailVerified: true, publicName: true, handle: true, portfolioPublic: true, emailNotifications: true, passwordHash: true, sharesWithColleagues: true,
      district: { select: { name: true } }, school: { select: { name: true } }, requestedDistrict: { select: { name: true } }, districtRequestedAt: true,
      _count: { select: { reviews: true } },
    },
  });
  if (!user) return null;
  const { passwordHash, emailVerified, district, school, requestedDistrict, districtRequestedAt, _count, ...account } = user;
  return {
    ...account, emailConfirmed: Boolean(emailVerified), hasPassword: Boolean(passwordHash), hasReviewed: _count.reviews > 0, districtName: district?.name ?? null, schoolName: school?.name ?? null,
    districtRequest: requestedDistrict ? { name: requestedDistrict.name, since: districtRequestedAt } : null,
  };
}

export async function updateProfile(opts: { actor: Actor; input: z.infer<typeof ProfileInput> }) {
  const { input } = opts;
  if (input.portfolioPublic && !input.handle) throw validation('Choose a web address before making your portfolio public.', { handle: ['Choose a web address for your portfolio.'] });
  try {
    await db.user.update({ where: { id: opts.actor.id }, data: input });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') throw validation('That address is taken.', { handle: ['That address is taken. Try another.'] });
    throw e;
  }
}

// ───────────────────────────── Teaching licence ─────────────────────────────

export const LICENCE_NUMBER_MAX = 40;
/** The renewal dates accepted: no licence on this platform was due before, and a typo such as 2207 is caught. */
export const LICENCE_DATE_EARLIEST = '2000-01-01';
export const LICENCE_DATE_LATEST = '2099-12-31';
const LICENCE_DATE_RULE = 'Enter the date as year-month-day, like 2028-06-30, or leave it empty.';

/**
 * The account page's "Teaching licence": the day the licence is next due for renewal (a calendar
 * day, as `<input type="date">` sends it; empty: none) and its number (one line; empty: none).
 */
export const TeachingLicenceInput = z.object({
  licenceRenewsOn: str()
    .trim()
    .max(40, { error: LICENCE_DATE_RULE, abort: true })
    .optional()
    .transform((v) => v || null)
    // What was typed is not repeated in the message.
    .refine((v) => v === null || utcDay(v) !== null, { error: 'That is not a real date. Enter it as year-month-day, like 2028-06-30.', abort: true })
    // ISO day labels compare as dates.
    .refine((v) => v === null || (v >= LICENCE_DATE_EARLIEST && v <= LICENCE_DATE_LATEST), 'Enter a date from the year 2000 to 2099.')
    .transform((v) => (v === null ? null : utcDay(v)!)),
  licenceNumber: str()
    .overwrite(oneLine)
    .max(LICENCE_NUMBER_MAX, `Use at most ${LICENCE_NUMBER_MAX} characters.`)
    .optional()
    .transform((v) => v || null),
});

export type TeachingLicence = { renewsOn: Date | null; number: string | null };

/**
 * The signed-in person's own licence details, for their account page only (the number is
 * personal), and the PD hours their district asks for each renewal (`districtHours`: null without
 * a district, or when it sets none), so the page can say what the date is for.
 */
export async function getOwnTeachingLicence(actor: Pick<Actor, 'id'>): Promise<TeachingLicence & { districtHours: { districtName: string; hours: number } | null }> {
  const user = await db.user.findUnique({
    where: { id: actor.id },
    select: { licenceRenewsOn: true, licenceNumber: true, district: { select: { name: true, kind: true, renewalHoursRequired: true } } },
  });
  const d = user?.district;
  return {
    renewsOn: user?.licenceRenewsOn ?? null,
    number: user?.licenceNumber ?? null,
    districtHours: d && d.kind === 'DISTRICT' && d.renewalHoursRequired ? { districtName: d.name, hours: d.renewalHoursRequired } : null,
  };
}

/** Saves the signed-in person's own licence details: the row is the actor's, whatever the input says. */
export async function setOwnTeachingLicence(opts: { actor: Pick<Actor, 'id'>; input: z.infer<typeof TeachingLicenceInput> }): Promise<TeachingLicence> {
  const saved = await db.user.update({
    where: { id: opts.actor.id },
    data: { licenceRenewsOn: opts.input.licenceRenewsOn, licenceNumber: opts.input.licenceNumber },
    select: { licenceRenewsOn: true, licenceNumber: true },
  });
  return { renewsOn: saved.licenceRenewsOn, number: saved.licenceNumber };
}
