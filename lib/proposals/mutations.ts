import 'server-only';
import { workableBy } from '@/lib/enrollment/workable';
import { db, type Tx } from '@/lib/db';
import { conflict, forbidden, invalidState, isUniqueViolation, notFound, validation } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { canDecideProposal } from '@/lib/proposals/policy';
import { proposalSendProblems } from '@/lib/proposals/schemas';
import { recordAudit } from '@/lib/audit/log';
import { notify } from '@/lib/notifications/notify';

/** A save that cannot land on what the teacher saw: it was changed in another window or on another device. */
const STALE_PROPOSAL = 'Your proposal was changed in another window or on another device after this page was opened, so this was not saved. Copy your text, then reload the page to see the saved proposal.';

/** Said to a leader who tries to decide a proposal they sent themselves. */
const OWN_PROPOSAL = 'This is your own proposal, so you cannot approve or return it: another leader of your district decides it.';

/**
 * A district leader who teaches in their district sends proposals like any teacher, but no one
 * decides their own (canDecideProposal). With no other active leader of the district, sending is
 * refused: it would wait with no one notified, while the proposal blocks their evidence. Refused as
 * VALIDATION, not a final error, so the form keeps saving their draft meanwhile.
 */
async function assertSomeoneElseDecides(tx: Tx, userId: string, districtId: string) {
  const leads = await tx.membership.findFirst({ where: { userId, organizationId: districtId, role: 'DISTRICT_LEADER' }, select: { organization: { select: { name: true } } } });
  if (!leads) return;
  const others = await tx.membership.count({ where: { organizationId: districtId, role: 'DISTRICT_LEADER', userId: { not: userId }, user: { disabledAt: null } } });
  if (others > 0) return;
  throw validation(`You are the only leader of ${leads.organization.name} on this site and cannot approve your own proposal, so it was not sent. Invite another district leader first (District, then People), or ask a platform administrator to add one. Meanwhile you can save it as a draft.`);
}

/**
 * Saves the teacher's proposal to their current district, as a draft or sent (`submit`). A draft
 * only has to fit (any length up to the maximum, even empty); sending asks for enough to decide on.
 *
 * `version` is the proposal version the text was typed on (null: there was none yet). When given,
 * a save on top of anything else is refused with CONFLICT and changes nothing, so an autosave from
 * a stale window never overwrites newer text. Without it (seed, older callers) there is no check.
 */
export async function saveProposal(opts: { actor: Actor; microCredentialId: string; studentGoals: string; plan: string; submit: boolean; version?: number | null }) {
  if (!opts.actor.districtId) throw invalidState('Your account is not linked to a district, so no proposal is needed.');
  const districtId = opts.actor.districtId;
  if (opts.submit) {
    const problems = proposalSendProblems(opts);
    if (problems) throw validation('Some fields need attention.', problems);
  }
  const mc = await db.microCredential.findFirst({ where: { id: opts.microCredentialId, ...workableBy(opts.actor.id) }, select: { id: true, slug: true, currentVersion: { select: { title: true } } } });
  if (!mc) throw notFound('That credential');
  // One proposal per district: a teacher who moved writes to their current district, and the
  // district they left keeps its own record and decision.
  const key = { userId_microCredentialId_districtId: { userId: opts.actor.id, microCredentialId: mc.id, districtId } };
  // A draft save leaves `submittedAt` alone: a returned proposal being revised keeps the date it was
  // last sent (the leader's Returned tab shows it) until it is sent again.
  const data = {
    studentGoals: opts.studentGoals,
    plan: opts.plan,
    status: opts.submit ? ('SUBMITTED' as const) : ('DRAFT' as const),
    // Sent again: the revision is what the leader decides on now.
    ...(opts.submit ? { submittedAt: new Date(), returnedStudentGoals: null, returnedPlan: null } : {}),
  };
  const select = { id: true, districtId: true, version: true, status: true } as const;
  // Sent: audited, and the district's leaders told, in the transaction that sends it, so a failure
  // leaves it unsent (and retried) rather than sent with some leaders never told.
  const recordSent = async (tx: Tx, proposalId: string) => {
    await recordAudit({ actorId: opts.actor.id, action: 'proposal.submit', entityType: 'Proposal', entityId: proposalId, organizationId: districtId }, tx);
    // The sender is not told about their own proposal when they lead the district too.
    const leaders = await tx.membership.findMany({ where: { organizationId: districtId, role: 'DISTRICT_LEADER', userId: { not: opts.actor.id } }, select: { userId: true } });
    for (const l of leaders) {
      await notify({ userId: l.userId, kind: 'proposal.submitted', title: `${opts.actor.name} sent a proposal for “${mc.currentVersion?.title ?? mc.slug}”`, body: 'A teacher in your district is waiting for your decision.', href: `/district/proposals?district=${districtId}` }, tx);
    }
  };
  let proposal;
  try {
    proposal = await db.$transaction(async (tx) => {
      const existing = await tx.proposal.findUnique({ where: key, select: { id: true, status: true, version: true } });
      if (existing?.status === 'APPROVED') throw invalidState('This proposal is already approved.');
      // Sent and not yet decided: neither edited nor sent again (which would notify every leader again).
      if (existing?.status === 'SUBMITTED') throw invalidState(opts.submit ? 'This proposal was already sent to your district; wait for their decision.' : 'This proposal is with your district leader, so it can no longer be changed; wait for their decision.');
      if (opts.version !== undefined && (existing?.version ?? null) !== opts.version) throw conflict(STALE_PROPOSAL);
      if (opts.submit) await assertSomeoneElseDecides(tx, opts.actor.id, districtId);
      if (!existing) {
        // Two first saves at once: the unique key lets one through, the other is refused below.
        const created = await tx.proposal.create({ data: { userId: opts.actor.id, districtId, microCredentialId: mc.id, ...data }, select });
        if (opts.submit) await recordSent(tx, created.id);
        return created;
      }
      // Guarded by what was just read, so a decision or another save in between is not overwritten.
      // A returned proposal being revised stays "returned" (on the leader's Returned tab, with their
      // comment shown to the teacher) until it is sent again; autosave must not quietly move it.
      const status = !opts.submit && existing.status === 'RETURNED' ? ('RETURNED' as const) : data.status;
      const updated = await tx.proposal.updateMany({ where: { id: existing.id, version: existing.version, status: existing.status }, data: { ...data, status, version: { increment: 1 } } });
      if (updated.count !== 1) throw conflict(STALE_PROPOSAL);
      if (opts.submit) await recordSent(tx, existing.id);
      return tx.proposal.findUniqueOrThrow({ where: { id: existing.id }, select });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(STALE_PROPOSAL);
    throw e;
  }
  return { ...proposal, slug: mc.slug };
}

/** Approve or return. The version check makes a second leader's stale decision fail cleanly. */
export async function decideProposal(opts: { actor: Actor; proposalId: string; decision: 'APPROVED' | 'RETURNED'; comment: string; version: number }) {
  const p = await db.proposal.findUnique({
    where: { id: opts.proposalId },
    select: { id: true, userId: true, districtId: true, status: true, studentGoals: true, plan: true, microCredential: { select: { slug: true, currentVersion: { select: { title: true } } } } },
  });
  if (!p) throw notFound('That proposal');
  if (p.userId === opts.actor.id) throw forbidden(OWN_PROPOSAL);
  if (!canDecideProposal(opts.actor, p)) throw forbidden();
  if (p.status !== 'SUBMITTED') throw invalidState('This proposal is not waiting for a decision.');
  await db.$transaction(async (tx) => {
    const updated = await tx.proposal.updateMany({
      where: { id: p.id, status: 'SUBMITTED', version: opts.version },
      // A returned proposal's text is kept as the leader decided on it (returned*): the teacher's
      // revision overwrites the row's own text, but the district keeps what it returned.
      data: {
        status: opts.decision, decisionComment: opts.comment || null, decidedAt: new Date(), decidedById: opts.actor.id, version: { increment: 1 },
        ...(opts.decision === 'RETURNED' ? { returnedStudentGoals: p.studentGoals, returnedPlan: p.plan } : {}),
      },
    });
    if (updated.count !== 1) throw conflict('Someone else decided this proposal while you were reading it. Reload to see their decision.');
    await recordAudit({ actorId: opts.actor.id, action: `proposal.${opts.decision.toLowerCase()}`, entityType: 'Proposal', entityId: p.id, organizationId: p.districtId, data: { comment: opts.comment } }, tx);
    // In the decision's transaction: a decision the teacher is never told of is not recorded either.
    const title = p.microCredential.currentVersion?.title ?? 'your micro-credential';
    await notify(
      {
        userId: p.userId,
        kind: `proposal.${opts.decision.toLowerCase()}`,
        title: opts.decision === 'APPROVED' ? `Your proposal for “${title}” was approved` : `Your proposal for “${title}” was returned`,
        // The leader's comment reaches the teacher either way.
        body: opts.decision === 'APPROVED' ? [opts.comment.trim(), 'You can submit your evidence when it is ready.'].filter(Boolean).join('\n\n') : opts.comment,
        href: `/micro-credentials/${p.microCredential.slug}/proposal`,
      },
      tx,
    );
  });
}
