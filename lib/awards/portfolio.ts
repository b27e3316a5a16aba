import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { invalidState, notFound } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';

/**
 * Shows or hides one of the actor's badges on their public portfolio (list and totals). Only the
 * holder may: the badge is looked up by id *and* holder, so another person's badge, or one that
 * does not exist, is "not found" alike. A revoked badge is never on a portfolio, so there is
 * nothing to change. Its own page (/credentials/{id}) verifies for anyone with the link either way.
 */
export async function setBadgeOnPortfolio(opts: { actor: Actor; awardId: string; show: boolean }) {
  try {
    const award = await db.award.update({
      where: { id: opts.awardId, userId: opts.actor.id, revokedAt: null },
      data: { hiddenFromPortfolio: !opts.show },
      select: { title: true, user: { select: { handle: true } } },
    });
    return { title: award.title, handle: award.user.handle };
  } catch (e) {
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2025')) throw e;
  }
  const own = await db.award.findFirst({ where: { id: opts.awardId, userId: opts.actor.id }, select: { revokedAt: true } });
  if (own?.revokedAt) throw invalidState('This badge was revoked, so it is never on your portfolio and there is nothing to change.');
  throw notFound('That badge');
}

/** "Show my school on my portfolio": whether the portfolio's header names the actor's school. */
export async function setSchoolOnPortfolio(opts: { actor: Actor; show: boolean }) {
  const user = await db.user.update({ where: { id: opts.actor.id }, data: { portfolioShowsSchool: opts.show }, select: { handle: true, school: { select: { name: true } } } });
  return { handle: user.handle, schoolName: user.school?.name ?? null };
}

/**
 * The portfolio's "Headline": one line under the teacher's name on /u/{handle} (null clears it).
 * The actor's own row only. Returns the portfolio's address so its page can be read afresh.
 */
export async function setPortfolioHeadline(opts: { actor: Pick<Actor, 'id'>; headline: string | null }) {
  const user = await db.user.update({ where: { id: opts.actor.id }, data: { portfolioHeadline: opts.headline }, select: { handle: true, portfolioHeadline: true } });
  return { handle: user.handle, headline: user.portfolioHeadline };
}
