import 'server-only';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { canAuthor } from '@/lib/authoring/policy';
import { publishGapsOfVersion } from '@/lib/authoring/queries';
import { versionDetail, type VersionDetail } from '@/lib/catalog/queries';

// "Preview as teachers will see it": the newest version of a micro-credential (a draft, usually)
// rendered as its public page renders a version, for the issuer's authors only, with what changed
// since the published version so an admin checks the edit before teachers see it.

/** The sections a teacher reads, each compared by what the page shows of it (ids differ between versions). */
const SECTIONS: { label: string; of: (v: VersionDetail) => unknown }[] = [
  { label: 'Title', of: (v) => v.title },
  { label: 'Summary', of: (v) => v.summary },
  { label: 'Competency', of: (v) => v.competency },
  { label: 'Key method', of: (v) => v.keyMethod },
  { label: 'Method components', of: (v) => v.methodComponents },
  { label: 'Research and rationale', of: (v) => v.researchRationale },
  { label: 'PD hours', of: (v) => Number(v.pdHours) },
  { label: 'How long the badge is valid', of: (v) => v.expiryMonths },
  { label: 'Badge colour', of: (v) => v.badgeColor },
  { label: 'Resources', of: (v) => v.resources.map((r) => [r.kind, r.title, r.url, r.body, r.minutes]) },
  { label: 'What teachers submit', of: (v) => v.parts.map((p) => [p.title, p.prompt, p.responseType, p.required, p.wordLimit, p.allowedTypes, p.maxFileBytes?.toString() ?? null, p.maxFiles]) },
  {
    label: 'Rubric',
    of: (v) => {
      const rank = new Map(v.levels.map((l) => [l.id, l.rank]));
      const part = new Map(v.parts.map((p) => [p.id, p.sortOrder]));
      return [
        v.levels.map((l) => [l.rank, l.label]),
        v.criteria.map((c) => [c.title, c.description, c.partId ? part.get(c.partId) : null, c.descriptors.map((d) => [rank.get(d.levelId), d.text]).sort()]),
      ];
    },
  },
  { label: 'Passing rule', of: (v) => [v.passingRuleKind, v.passingLevelRank, v.passingTotal] },
  { label: 'Standards alignment', of: (v) => v.alignments.map((a) => [a.targetName, a.targetUrl, a.targetDescription, a.targetFramework, a.targetCode]).sort() },
];

/** The labels of the sections that differ between two versions, in page order. */
export function changedSections(draft: VersionDetail, published: VersionDetail): string[] {
  return SECTIONS.filter((s) => JSON.stringify(s.of(draft)) !== JSON.stringify(s.of(published))).map((s) => s.label);
}

/**
 * The newest version to preview, with the published one's number and the sections that changed
 * since it, and (for a draft saved unfinished) what it still needs before it can be published. Only
 * the issuer's authors; another issuer's credential looks missing.
 */
export async function getVersionPreview(opts: { actor: Actor; microCredentialId: string }) {
  const mc = await db.microCredential.findUnique({
    where: { id: opts.microCredentialId },
    select: {
      id: true, slug: true, status: true, level: true, issuerId: true,
      issuer: { select: { name: true, slug: true } },
      versions: { where: { status: { in: ['DRAFT', 'PUBLISHED'] } }, orderBy: { version: 'desc' }, take: 2, select: { ...versionDetail, status: true, level: true } },
    },
  });
  if (!mc || !canAuthor(opts.actor, mc.issuerId)) throw notFound('That credential');
  const [latest] = mc.versions;
  if (!latest) throw notFound('A version to preview');
  const published = mc.versions.find((v) => v.status === 'PUBLISHED') ?? null;
  const isDraft = latest.status === 'DRAFT';
  return {
    id: mc.id, slug: mc.slug, status: mc.status, issuer: mc.issuer,
    level: latest.level ?? mc.level,
    version: latest,
    isDraft,
    published: published && published.id !== latest.id ? { version: published.version, changed: changedSections(latest, published) } : null,
    missing: isDraft ? await publishGapsOfVersion(latest.id) : {},
  };
}
