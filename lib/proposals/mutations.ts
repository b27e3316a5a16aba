import 'server-only';
import { workableBy } from '@/lib/enrollment/workable';
import { db } from '@/lib/db';
import { conflict, forbidden, invalidState, notFound } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { canDecideProposal } from '@/lib/proposals/policy';
import { recordAudit } from '@/lib/audit/log';
import { notify } from '@/lib/notifications/notify';

export async function saveProposal(opts: { actor: Actor; microCredentialId: string; studentGoals: string; plan: string; submit: boolean }) {
  if (!opts.actor.districtId) throw invalidState('Your account is not linked to a district, so no proposal is needed.');
  const mc = await db.microCredential.findFirst({ where: { id: opts.microCredentialId, ...workableBy(opts.actor.id) }, select: { id: true, slug: true, currentVersion: { select: { title: true } } } });
  if (!mc) throw notFound('That credential');
  // One proposal per district: a teacher who moved writes to their current district, and the
  // district they left keeps its own record and decision.
  const key = { userId_microCredentialId_districtId: { userId: opts.actor.id, microCredentialId: mc.id, districtId: opts.actor.districtId } };
  const existing = await db.proposal.findUnique({ where: key, select: { status: true } });
  if (existing?.status === 'APPROVED') throw invalidState('This proposal is already approved.');
  if (existing?.status === 'SUBMITTED' && !opts.submit) throw invalidState('This proposal is with your district leader; wait for their decision.');
  const data = {
    studentGoals: opts.studentGoals,
    plan: opts.plan,
    status: opts.submit ? ('SUBMITTED' as const) : ('DRAFT' as const),
    submittedAt: opts.submit ? new Date() : null,
  };
  const proposal = await db.proposal.upsert({
    where: key,
    create: { userId: opts.actor.id, districtId: opts.actor.districtId, microCredentialId: mc.id, ...data },
    update: { ...data, version: { increment: 1 } },
    select: { id: true, districtId: true },
  });
  if (opts.submit) {
    await recordAudit({ actorId: opts.actor.id, action: 'proposal.submit', entityType: 'Proposal', entityId: proposal.id, organizationId: proposal.districtId });
    const leaders = await db.membership.findMany({ where: { organizationId: proposal.districtId, role: 'DISTRICT_LEADER' }, select: { userId: true } });
    for (const l of leaders) {
      await notify({ userId: l.userId, kind: 'proposal.submitted', title: `${opts.actor.name} sent a proposal for “${mc.currentVersion?.title ?? mc.slug}”`, body: 'A teacher in your district is waiting for your decision.', href: `/district/proposals?district=${proposal.districtId}` });
    }
  }
  return proposal;
}

/** Approve or return. The version check makes a second leader's stale decision fail cleanly. */
export async function decideProposal(opts: { actor: Actor; proposalId: string; decision: 'APPROVED' | 'RETURNED'; comment: string; version: number }) {
  const p = await db.proposal.findUnique({
    where: { id: opts.proposalId },
    select: { id: true, userId: true, districtId: true, status: true, microCredential: { select: { slug: true, currentVersion: { select: { title: true } } } } },
  });
  if (!p) throw notFound('That proposal');
  if (!canDecideProposal(opts.actor, p)) throw forbidden();
  if (p.status !== 'SUBMITTED') throw invalidState('This proposal is not waiting for a decision.');
  await db.$transaction(async (tx) => {
    const updated = await tx.proposal.updateMany({
      where: { id: p.id, status: 'SUBMITTED', version: opts.version },
      data: { status: opts.decision, decisionComment: opts.comment || null, decidedAt: new Date(), decidedById: opts.actor.id, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw conflict('Someone else decided this proposal while you were reading it. Reload to see their decision.');
    await recordAudit({ actorId: opts.actor.id, action: `proposal.${opts.decision.toLowerCase()}`, entityType: 'Proposal', entityId: p.id, organizationId: p.districtId, data: { comment: opts.comment } }, tx);
  });
  const title = p.microCredential.currentVersion?.title ?? 'your micro-credential';
  await notify({
    userId: p.userId,
    kind: `proposal.${opts.decision.toLowerCase()}`,
    title: opts.decision === 'APPROVED' ? `Your proposal for “${title}” was approved` : `Your proposal for “${title}” was returned`,
    body: opts.decision === 'APPROVED' ? 'You can submit your evidence when it is ready.' : opts.comment,
    href: `/micro-credentials/${p.microCredential.slug}/proposal`,
  });
}
