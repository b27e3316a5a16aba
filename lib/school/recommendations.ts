import 'server-only';
import type { PublishStatus } from '@/lib/generated/prisma/enums';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { recommendationUptake, type Uptake } from '@/lib/district/recommendations';
import { RECOMMENDATIONS_PER_DISTRICT, recommendationHref, type RecommendationKind } from '@/lib/district/recommendation-schemas';
import { assertLeadsSchool } from '@/lib/school/access';

// The district's recommendations that reach a school's teachers (those for the whole district and
// those for this school), as its leader reads them: what was recommended and how the school's own
// teachers are taking it up. Read only: the district's leaders add, change and remove them.

export type SchoolRecommendation = {
  id: string;
  kind: RecommendationKind;
  title: string;
  href: string;
  /** No longer offered by its issuer: teachers no longer see it, but its uptake stays. */
  retired: boolean;
  forSchool: boolean;
  note: string;
  createdAt: Date;
  uptake: Uptake;
};

const select = {
  id: true, schoolId: true, note: true, createdAt: true,
  microCredential: { select: { id: true, slug: true, status: true, currentVersion: { select: { title: true } } } },
  track: { select: { id: true, slug: true, status: true, title: true, microCredentials: { select: { id: true } } } },
  stack: { select: { id: true, slug: true, status: true, title: true, items: { select: { microCredentialId: true } } } },
} as const;

type Target = { kind: RecommendationKind; id: string; slug: string; title: string; status: PublishStatus; microCredentialIds: string[] };

/** The recommendations for the school, newest first (at most the district's cap), with the school's uptake. */
export async function listSchoolRecommendations(opts: { actor: Actor; schoolId: string; now?: Date }): Promise<SchoolRecommendation[]> {
  const school = await assertLeadsSchool(opts.actor, opts.schoolId);
  const rows = await db.districtRecommendation.findMany({
    where: { districtId: school.districtId, OR: [{ schoolId: null }, { schoolId: school.id }] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: RECOMMENDATIONS_PER_DISTRICT,
    select,
  });
  const items = rows.map((row) => {
    const m = row.microCredential;
    const t = row.track;
    const s = row.stack;
    // The table's CHECK constraint makes exactly one of the three present.
    const target: Target = m
      ? { kind: 'MICRO_CREDENTIAL', id: m.id, slug: m.slug, title: m.currentVersion?.title ?? m.slug, status: m.status, microCredentialIds: [m.id] }
      : t
        ? { kind: 'TRACK', id: t.id, slug: t.slug, title: t.title, status: t.status, microCredentialIds: t.microCredentials.map((x) => x.id) }
        : { kind: 'STACK', id: s!.id, slug: s!.slug, title: s!.title, status: s!.status, microCredentialIds: s!.items.map((x) => x.microCredentialId) };
    return { row, target };
  });
  // Every recommendation counted over this school's teachers only, a whole-district one included:
  // the district's figure is its leaders' to read.
  const uptake = await recommendationUptake(
    school.districtId,
    items.map(({ row, target }) => ({ id: row.id, schoolId: school.id, kind: target.kind, targetId: target.id, microCredentialIds: target.microCredentialIds })),
    opts.now,
  );
  return items.map(({ row, target }) => ({
    id: row.id,
    kind: target.kind,
    title: target.title,
    href: recommendationHref(target.kind, target.slug),
    retired: target.status !== 'PUBLISHED',
    forSchool: row.schoolId === school.id,
    note: row.note,
    createdAt: row.createdAt,
    uptake: uptake.get(row.id) ?? { teachers: 0, enrolled: 0, submitted: 0, earned: 0 },
  }));
}
