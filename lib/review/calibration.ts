import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { reviewsFor } from '@/lib/review/policy';
import { conflict, forbidden, invalidState, notFound, rateLimited, validation } from '@/lib/errors';
import { hitRateLimit } from '@/lib/rate-limit';
import { recordAudit } from '@/lib/audit/log';
import { loadQualification } from '@/lib/review/context';
import { calibrationAgreement, CALIBRATION_THRESHOLD } from '@/lib/review/stats';
import { standExemplars } from '@/lib/review/exemplar-standing';

type ExemplarResponse = { partTitle: string; text: string };

function parseResponses(v: unknown): ExemplarResponse[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((x) => (x && typeof x === 'object' && typeof (x as ExemplarResponse).text === 'string' ? [{ partTitle: String((x as ExemplarResponse).partTitle ?? ''), text: (x as ExemplarResponse).text }] : []));
}

async function loadCalibrationSubject(microCredentialId: string) {
  const mc = await db.microCredential.findUnique({
    where: { id: microCredentialId },
    select: {
      id: true, slug: true, issuerId: true,
      issuer: { select: { name: true, calibrationRequired: true } },
      currentVersion: {
        select: {
          id: true, title: true,
          criteria: { orderBy: { sortOrder: 'asc' }, select: { id: true, title: true, description: true, descriptors: { select: { levelId: true, text: true } } } },
          levels: { orderBy: { rank: 'asc' }, select: { id: true, rank: true, label: true } },
        },
      },
      exemplars: { orderBy: [{ createdAt: 'asc' }, { title: 'asc' }, { id: 'asc' }], select: { id: true, microCredentialId: true, createdAt: true, title: true, responses: true, expectedRanks: true } },
    },
  });
  if (!mc) return null;
  // Only samples scored on the rubric reviewers now use: levels agreed on other (fewer, reordered,
  // reworded) criteria would ask for criteria the form no longer shows, or mean something else.
  const standing = await standExemplars(db, mc.exemplars);
  const exemplars = mc.exemplars.flatMap((e) => {
    const expected = standing.get(e.id)?.expected;
    return expected ? [{ id: e.id, title: e.title, responses: e.responses, expected }] : [];
  });
  return { ...mc, exemplars };
}

function mayCalibrate(actor: Actor, issuerId: string) {
  return reviewsFor(actor, issuerId);
}

/**
 * The calibration exercise for one micro-credential: anonymised exemplars and the rubric. The
 * expected ranks never leave the server until the reviewer has scored.
 */
export async function getCalibration(opts: { actor: Actor; microCredentialId: string }) {
  const mc = await loadCalibrationSubject(opts.microCredentialId);
  if (!mc?.currentVersion || !mayCalibrate(opts.actor, mc.issuerId)) return null;
  const q = await loadQualification(opts.actor.id, mc.id);
  const last = await db.calibrationResult.findFirst({ where: { reviewerId: opts.actor.id, exemplar: { microCredentialId: mc.id } }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
  return {
    microCredential: { id: mc.id, slug: mc.slug, title: mc.currentVersion.title, issuerName: mc.issuer.name, calibrationRequired: mc.issuer.calibrationRequired },
    // The rubric the form is scored on: a submission for another one is refused (see submitCalibration).
    versionId: mc.currentVersion.id,
    qualified: q.granted || q.earned,
    calibratedAt: q.calibratedAt,
    lastAttemptAt: last?.createdAt ?? null,
    criteria: mc.currentVersion.criteria.map((c, index) => ({ index, id: c.id, title: c.title, description: c.description, descriptors: c.descriptors })),
    levels: mc.currentVersion.levels,
    exemplars: mc.exemplars.map((e) => ({ id: e.id, title: e.title, responses: parseResponses(e.responses) })),
  };
}

export type CalibrationOutcome = {
  passed: boolean;
  agreement: number;
  matches: number;
  total: number;
  /**
   * Where the reviewer differed. The agreed level (`expected`) is shown only once they pass; before
   * that only which criteria differed, so a failed try cannot be turned into the answers.
   */
  exemplars: { id: string; title: string; agreement: number; differences: { criterionIndex: number; criterionTitle: string; expected: string | null; given: string }[] }[];
};

/** Tries per reviewer and credential in a day: enough to learn from the feedback, too few to guess. */
export const CALIBRATION_TRIES_PER_DAY = 3;

/** How long a try's exact choices, sent again, are taken for that try resent rather than a new one. */
export const CALIBRATION_RESEND_MS = 60 * 60 * 1000;

/** A sample's levels by criterion position, in one spelling whatever order the keys came in. */
const rankKey = (ranks: unknown) =>
  JSON.stringify(Object.entries(ranks && typeof ranks === 'object' ? (ranks as Record<string, unknown>) : {}).sort(([a], [b]) => a.localeCompare(b)));

/**
 * Whether the reviewer's latest try on these samples, recorded in the last CALIBRATION_RESEND_MS
 * (its rows share one createdAt), gave every sample exactly these levels. Sending the same choices
 * again learns nothing new (the outcome is the same), so it is not counted as a try.
 */
async function repeatsLastTry(tx: Tx, reviewerId: string, results: { e: { id: string }; given: Record<string, number> }[], now: Date) {
  const last = await tx.calibrationResult.findMany({
    where: { reviewerId, exemplarId: { in: results.map((r) => r.e.id) }, createdAt: { gt: new Date(now.getTime() - CALIBRATION_RESEND_MS) } },
    orderBy: { createdAt: 'desc' },
    take: results.length,
    select: { exemplarId: true, ranks: true, createdAt: true },
  });
  if (last.length !== results.length || last.some((r) => r.createdAt.getTime() !== last[0].createdAt.getTime())) return false;
  const byExemplar = new Map(last.map((r) => [r.exemplarId, rankKey(r.ranks)]));
  return byExemplar.size === results.length && results.every((r) => byExemplar.get(r.e.id) === rankKey(r.given));
}

/**
 * Scores the reviewer's ranks against the agreed ones. Exact agreement of at least 75% across all
 * exemplars calibrates the reviewer for the credential (creating the qualification row for someone
 * qualified by having earned it); otherwise they see where they differed and may try again.
 */
export const RUBRIC_CHANGED = 'The issuer published a new rubric for this micro-credential while you were scoring the samples. Reload the page to calibrate on the new one (your choices here are not counted as a try).';

export async function submitCalibration(opts: { actor: Actor; microCredentialId: string; ranks: Record<string, Record<string, number>>; versionId?: string; now?: Date }): Promise<CalibrationOutcome> {
  const now = opts.now ?? new Date();
  const mc = await loadCalibrationSubject(opts.microCredentialId);
  if (!mc?.currentVersion || !mayCalibrate(opts.actor, mc.issuerId)) throw notFound('That micro-credential');
  const q = await loadQualification(opts.actor.id, mc.id);
  if (!q.granted && !q.earned) throw forbidden('You are not qualified to review this micro-credential, so there is nothing to calibrate.');
  // The form's levels are by criterion position on the rubric it showed: another rubric's positions mean other criteria.
  if (opts.versionId && opts.versionId !== mc.currentVersion.id) throw conflict(RUBRIC_CHANGED);
  if (!mc.exemplars.length) throw invalidState('This micro-credential has no calibration exemplars, so no calibration is needed.');
  const { criteria, levels } = mc.currentVersion;
  const labelOf = (rank: number | null) => (rank === null ? 'no level' : (levels.find((l) => l.rank === rank)?.label ?? `rank ${rank}`));
  const fieldErrors: Record<string, string[]> = {};
  const results = mc.exemplars.map((e) => {
    const expected = e.expected;
    const given = opts.ranks[e.id] ?? {};
    for (const k of Object.keys(expected)) {
      if (given[k] === undefined) fieldErrors[`ranks.${e.id}.${k}`] = [`Choose a level for “${criteria[Number(k)]?.title ?? `criterion ${Number(k) + 1}`}” in ${e.title}.`];
    }
    return { e, given, ...calibrationAgreement(expected, given) };
  });
  if (Object.keys(fieldErrors).length) throw validation('Score every criterion of every sample first.', fieldErrors);
  const matches = results.reduce((s, r) => s + r.matches, 0);
  const total = results.reduce((s, r) => s + r.total, 0);
  const agreement = total ? matches / total : 0;
  const passed = total > 0 && agreement >= CALIBRATION_THRESHOLD;

  await db.$transaction(async (tx) => {
    // One try at a time per reviewer and credential, so a double submit is told apart from a new try.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`calibrate:${opts.actor.id}:${mc.id}`}))`;
    // The same choices as the try just recorded: Submit sent again because its answer was lost (a
    // dropped connection, a double click). It is answered as that try was, and costs no other.
    if (await repeatsLastTry(tx, opts.actor.id, results, now)) return;
    // Counted once the form is complete: an unfinished form costs no try.
    const tries = await hitRateLimit(`calibrate:${opts.actor.id}:${mc.id}`, CALIBRATION_TRIES_PER_DAY, 24 * 60 * 60);
    if (!tries.allowed) {
      throw rateLimited(`You have tried ${CALIBRATION_TRIES_PER_DAY} times today. Re-read the level descriptors of the rubric and try again tomorrow, or ask your issuer’s administrator for a calibration session.`);
    }
    for (const r of results) {
      await tx.calibrationResult.create({
        data: { exemplarId: r.e.id, reviewerId: opts.actor.id, ranks: r.given, exactAgreement: r.total ? r.matches / r.total : 0, passed: r.total > 0 && r.matches / r.total >= CALIBRATION_THRESHOLD, createdAt: now },
      });
    }
    if (passed) {
      await tx.reviewerQualification.upsert({
        where: { userId_microCredentialId: { userId: opts.actor.id, microCredentialId: mc.id } },
        create: { userId: opts.actor.id, microCredentialId: mc.id, calibratedAt: now },
        update: { calibratedAt: now },
      });
    }
    await recordAudit({ actorId: opts.actor.id, action: 'review.calibrate', entityType: 'MicroCredential', entityId: mc.id, organizationId: mc.issuerId, data: { agreement, passed, matches, total } }, tx);
  });

  return {
    passed,
    agreement,
    matches,
    total,
    exemplars: results.map((r) => ({
      id: r.e.id,
      title: r.e.title,
      agreement: r.total ? r.matches / r.total : 0,
      differences: r.differences.map((d) => ({
        criterionIndex: d.index,
        criterionTitle: criteria[d.index]?.title ?? `Criterion ${d.index + 1}`,
        expected: passed ? labelOf(d.expected) : null,
        given: labelOf(d.given),
      })),
    })),
  };
}
