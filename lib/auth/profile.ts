import 'server-only';
import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { validation } from '@/lib/errors';
import { oneLine, PersonNameInput } from '@/lib/auth/schemas';
import { Prisma } from '@/lib/generated/prisma/client';

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
      name: true, email: true, emailVerified: true, publicName: true, handle: true, portfolioPublic: true, emailNotifications: true, passwordHash: true,
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
