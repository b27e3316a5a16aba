import 'server-only';
import { db } from '@/lib/db';
import { DomainError, forbidden, invalidState, notFound, validation } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { canAuthor } from '@/lib/authoring/policy';
import { MicroCredentialDef } from '@/lib/authoring/schemas';
import { createMicroCredential } from '@/lib/authoring/mutations';
import { loadDefinition } from '@/lib/authoring/queries';
import { buildAchievement, type AchievementInput } from '@/lib/credentials/build';
import type { ObAchievement } from '@/lib/credentials/types';
import { env } from '@/lib/env';
import { zodFieldErrors } from '@/lib/action-result';
import { safeHttpUrl } from '@/lib/security/safe-url';

const MAX_IMPORT_BYTES = 1024 * 1024;

/**
 * The definition JSON of the newest version (a draft when there is one): what an import, here or
 * elsewhere, makes a new credential from.
 */
export async function exportCredential(opts: { actor: Actor; microCredentialId: string }): Promise<{ slug: string; version: number; status: string; definition: MicroCredentialDef }> {
  const mc = await db.microCredential.findUnique({
    where: { id: opts.microCredentialId },
    select: { id: true, slug: true, issuerId: true, versions: { orderBy: { version: 'desc' }, take: 1, select: { id: true } } },
  });
  if (!mc || !canAuthor(opts.actor, mc.issuerId)) throw notFound('That credential');
  const latest = mc.versions[0];
  if (!latest) throw notFound('That credential');
  const { def, version, status } = await completeDefinition(latest.id);
  return { slug: mc.slug, version, status, definition: def };
}

/**
 * The published version as an OB 3.0 Achievement, named as the badges issued on it name it (its
 * version's public page). A draft is not what anyone earns, and its page does not exist.
 */
export async function exportAchievement(opts: { actor: Actor; microCredentialId: string }): Promise<{ slug: string; version: number; achievement: ObAchievement }> {
  const mc = await db.microCredential.findUnique({
    where: { id: opts.microCredentialId },
    select: {
      id: true, slug: true, issuerId: true, status: true,
      issuer: { select: { name: true, url: true, email: true, description: true } },
      currentVersion: { select: { id: true, status: true } },
    },
  });
  if (!mc || !canAuthor(opts.actor, mc.issuerId)) throw notFound('That credential');
  const published = mc.currentVersion;
  if (mc.status === 'DRAFT' || !published || published.status === 'DRAFT') {
    throw invalidState('It has not been published yet: an OB 3.0 Achievement describes the published version, which badges are issued on. Publish it first, then export.');
  }
  const { def, version } = await completeDefinition(published.id);
  return { slug: mc.slug, version, achievement: buildAchievement(toAchievementInput(def, version, mc.issuer)) };
}

async function completeDefinition(versionId: string): Promise<{ def: MicroCredentialDef; version: number; status: string }> {
  const { def: stored, version, status } = await loadDefinition(versionId);
  // An unfinished draft is not a definition another system (or an import here) could use; nor is a
  // version published before a rule it breaks (a javascript: link from before ADR 020).
  const complete = MicroCredentialDef.safeParse(stored);
  if (!complete.success) {
    const message = status === 'DRAFT'
      ? 'This draft is not finished: it can be exported once it has everything it needs to be published.'
      : `Version ${version} has something publishing no longer accepts (such as a link that is not a web address): fix what the editor lists and publish, then export.`;
    throw new DomainError('INVALID_STATE', message, zodFieldErrors(complete.error));
  }
  return { def: complete.data, version, status };
}

export function toAchievementInput(def: MicroCredentialDef, version: number, issuer: { name: string; url: string | null; email: string | null; description: string }): AchievementInput {
  const base = env().APP_URL;
  const url = (path: string) => new URL(path, base).toString();
  const passing = def.rubric.levels[def.rubric.passingRule.levelRank] ?? 'the passing level';
  const rule =
    def.rubric.passingRule.kind === 'ALL_AT_LEAST'
      ? `every criterion (${def.rubric.criteria.map((c) => c.title).join('; ')}) must reach “${passing}” or higher`
      : `the total across criteria (${def.rubric.criteria.map((c) => c.title).join('; ')}) must reach ${def.rubric.passingRule.total}, with none below “${passing}”`;
  return {
    // As issued badges name it: the version's own read-only page (app/micro-credentials/[slug]/versions/[n]).
    id: url(`/micro-credentials/${def.slug}/versions/${version}`),
    name: def.title,
    description: def.summary,
    criteria: { id: url(`/micro-credentials/${def.slug}/versions/${version}#rubric`), narrative: `${def.competency}\n\nEvidence is reviewed against a published rubric: ${rule}.` },
    achievementType: 'MicroCredential',
    creditsAvailable: def.pdHours,
    tag: [def.topic, ...def.subjects, ...(def.level ? [`Level ${def.level}`] : [])],
    humanCode: def.slug,
    version: String(version),
    inLanguage: 'en',
    ...(def.alignments.length ? { alignment: def.alignments } : {}),
    creator: {
      // As the issuer typed it (badges sign the same string), when it is a web address at all.
      id: issuer.url && safeHttpUrl(issuer.url) ? issuer.url : url(`/`),
      name: issuer.name,
      ...(issuer.email ? { email: issuer.email } : {}),
      ...(issuer.description ? { description: issuer.description } : {}),
    },
  };
}

export type ImportCheck = { ok: true; def: MicroCredentialDef } | { ok: false; formError: string; fieldErrors?: Record<string, string[]> };

/** Parses pasted or uploaded JSON and validates it as a definition, without writing anything. */
export function checkImport(json: string): ImportCheck {
  if (json.length > MAX_IMPORT_BYTES) return { ok: false, formError: 'That file is larger than 1 MB; a credential definition is much smaller.' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    return { ok: false, formError: `That is not valid JSON: ${(e as Error).message}` };
  }
  // Accept both a bare definition and our export wrapper { definition, achievement }.
  if (value && typeof value === 'object' && 'definition' in value) value = (value as { definition: unknown }).definition;
  const parsed = MicroCredentialDef.safeParse(value);
  if (!parsed.success) return { ok: false, formError: 'The definition has problems; nothing was imported.', fieldErrors: zodFieldErrors(parsed.error) };
  return { ok: true, def: parsed.data };
}

/** Creates a new draft credential from imported JSON. The slug may be overridden to avoid a clash. */
export async function importCredential(opts: { actor: Actor; issuerId: string; json: string; slug?: string }) {
  if (!canAuthor(opts.actor, opts.issuerId)) throw forbidden();
  const checked = checkImport(opts.json);
  if (!checked.ok) throw validation(checked.formError, checked.fieldErrors);
  const def = opts.slug ? { ...checked.def, slug: opts.slug } : checked.def;
  return createMicroCredential({ actor: opts.actor, issuerId: opts.issuerId, def });
}
