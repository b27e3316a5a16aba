import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { isIssuerAdmin } from '@/lib/auth/actor';
import { forbidden, notFound, validation } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/log';
import { str } from '@/lib/zod-text';

export const ExemplarInput = z.object({
  microCredentialId: str().min(1).max(40),
  title: str().trim().min(3, 'Give the sample a neutral title, e.g. “Sample C: grade 5 team”.').max(200),
  responses: z.array(z.object({ partTitle: str().max(200), text: str().max(20_000) })).max(20),
  // Expected level rank per criterion, in rubric order.
  expectedRanks: z.array(z.coerce.number().int().min(0).max(10)).min(1).max(20),
});

async function loadCredential(actor: Actor, microCredentialId: string) {
  const mc = await db.microCredential.findUnique({
    where: { id: microCredentialId },
    select: {
      id: true, slug: true, issuerId: true,
      currentVersion: {
        select: {
          title: true,
          parts: { orderBy: { sortOrder: 'asc' }, select: { id: true, title: true, prompt: true, responseType: true } },
          criteria: { orderBy: { sortOrder: 'asc' }, select: { id: true, title: true } },
          levels: { orderBy: { rank: 'asc' }, select: { rank: true, label: true } },
        },
      },
    },
  });
  if (!mc || !mc.currentVersion) throw notFound('That credential');
  if (!isIssuerAdmin(actor, mc.issuerId)) throw forbidden();
  return { ...mc, version: mc.currentVersion };
}

/** The rubric and existing calibration samples of a credential, for its issuer's admins. */
export async function getExemplarEditor(opts: { actor: Actor; microCredentialId: string }) {
  const mc = await loadCredential(opts.actor, opts.microCredentialId);
  const exemplars = await db.calibrationExemplar.findMany({
    where: { microCredentialId: mc.id },
    orderBy: [{ createdAt: 'asc' }, { title: 'asc' }],
    select: { id: true, title: true, expectedRanks: true, createdAt: true, _count: { select: { results: true } } },
  });
  return { mc, exemplars };
}

/** Adds an anonymised sample with agreed scores; reviewers must match it before live review. */
export async function createExemplar(opts: { actor: Actor; input: z.infer<typeof ExemplarInput> }) {
  const mc = await loadCredential(opts.actor, opts.input.microCredentialId);
  const { criteria, levels } = mc.version;
  if (opts.input.expectedRanks.length !== criteria.length) throw validation('Choose the agreed level for every criterion.');
  const maxRank = Math.max(...levels.map((l) => l.rank));
  if (opts.input.expectedRanks.some((r) => r > maxRank)) throw validation('One of the agreed levels is not on this rubric.');
  const responses = opts.input.responses.filter((r) => r.text.trim());
  if (!responses.length) throw validation('Write the sample’s answer for at least one part.');
  return db.$transaction(async (tx) => {
    const created = await tx.calibrationExemplar.create({
      data: { microCredentialId: mc.id, title: opts.input.title, responses, expectedRanks: Object.fromEntries(opts.input.expectedRanks.map((r, i) => [String(i), r])) },
      select: { id: true },
    });
    await recordAudit({ actorId: opts.actor.id, action: 'calibration.exemplar_create', entityType: 'CalibrationExemplar', entityId: created.id, organizationId: mc.issuerId }, tx);
    return created;
  });
}

export async function deleteExemplar(opts: { actor: Actor; exemplarId: string }) {
  const ex = await db.calibrationExemplar.findUnique({ where: { id: opts.exemplarId }, select: { id: true, microCredential: { select: { issuerId: true } } } });
  if (!ex) throw notFound('That sample');
  if (!isIssuerAdmin(opts.actor, ex.microCredential.issuerId)) throw forbidden();
  await db.$transaction(async (tx) => {
    await tx.calibrationExemplar.delete({ where: { id: ex.id } });
    await recordAudit({ actorId: opts.actor.id, action: 'calibration.exemplar_delete', entityType: 'CalibrationExemplar', entityId: ex.id, organizationId: ex.microCredential.issuerId }, tx);
  });
}
