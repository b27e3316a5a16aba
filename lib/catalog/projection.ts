import 'server-only';
import type { Tx } from '@/lib/db';
import { invalidateCatalogFacets } from '@/lib/catalog/queries';
import { clearPageCache } from '@/lib/http/page-cache';
import { announcePageCacheClear } from '@/lib/http/page-cache-sync';

/**
 * Keeps the searchable catalogue projection in step with the source rows. Called inside the same
 * transaction as every publish, edit-publish or retire, so search never shows a retired item. Those
 * transactions run through changePublicPages(), which clears every server's cached pages after the
 * commit.
 */
/**
 * The issuer's current name, with the issuer row held (FOR SHARE) until this transaction ends: a
 * rename running at the same moment either commits first (and this reads the new name) or waits
 * for this transaction, after which its update of the catalogue's copies sees this entry too.
 * Without the lock, a publish could read the old name, and write it back after the rename.
 * Taken before this transaction writes any catalogue entry (a rename locks the issuer, then the
 * entries), so the two always lock in the same order.
 */
async function issuerNameHeld(tx: Tx, issuerId: string): Promise<string> {
  const [row] = await tx.$queryRaw<{ name: string }[]>`SELECT "name" FROM "Organization" WHERE "id" = ${issuerId} FOR SHARE`;
  return row.name;
}

export async function syncCatalogEntry(tx: Tx, kind: 'TRACK' | 'MICRO_CREDENTIAL' | 'STACK', refId: string): Promise<void> {
  // This server's caches clear at once; the others' when this transaction commits (NOTIFY; Postgres
  // delivers one notice per transaction however often it is sent, so repeating it here costs nothing
  // and keeps a caller that forgot changePublicPages() correct on the other servers).
  invalidateCatalogFacets();
  clearPageCache();
  await announcePageCacheClear(tx);
  if (kind === 'MICRO_CREDENTIAL') {
    const mc = await tx.microCredential.findUnique({
      where: { id: refId },
      select: {
        id: true, slug: true, status: true, topic: true, subjects: true, gradeBands: true, level: true, publishedAt: true, issuerId: true,
        stackItems: { where: { stack: { status: 'PUBLISHED' } }, select: { stack: { select: { slug: true } } } },
        currentVersion: { select: { title: true, summary: true, competency: true, keyMethod: true, methodComponents: true, pdHours: true, badgeColor: true, publishedAt: true } },
      },
    });
    const issuerName = mc && (await issuerNameHeld(tx, mc.issuerId));
    if (!mc || mc.status !== 'PUBLISHED' || !mc.currentVersion) {
      await tx.catalogEntry.deleteMany({ where: { kind, refId } });
      return;
    }
    const v = mc.currentVersion;
    const data = {
      slug: mc.slug, issuerId: mc.issuerId, issuerName: issuerName!, title: v.title, summary: v.summary, competency: v.competency,
      body: `${v.keyMethod}\n${v.methodComponents}`, topic: mc.topic, subjects: mc.subjects, gradeBands: mc.gradeBands, level: mc.level,
      pdHours: v.pdHours, stackSlugs: mc.stackItems.map((s) => s.stack.slug), badgeColor: v.badgeColor,
      publishedAt: mc.publishedAt ?? v.publishedAt ?? new Date(),
    };
    await tx.catalogEntry.upsert({ where: { kind_refId: { kind, refId } }, create: { kind, refId, ...data }, update: data });
    return;
  }
  if (kind === 'TRACK') {
    const t = await tx.track.findUnique({
      where: { id: refId },
      select: {
        slug: true, status: true, title: true, summary: true, description: true, topic: true, subjects: true, gradeBands: true, publishedAt: true, issuerId: true,
        microCredentials: { where: { status: 'PUBLISHED' }, select: { currentVersion: { select: { pdHours: true, competency: true } } } },
      },
    });
    const issuerName = t && (await issuerNameHeld(tx, t.issuerId));
    // A published track with no published level (older data: publishing and retiring now keep one)
    // has nothing to enrol in: it leaves search like a retired one, and returns with its first level.
    if (!t || t.status !== 'PUBLISHED' || !t.microCredentials.length) {
      await tx.catalogEntry.deleteMany({ where: { kind, refId } });
      return;
    }
    const hours = t.microCredentials.reduce((sum, m) => sum + Number(m.currentVersion?.pdHours ?? 0), 0);
    const data = {
      slug: t.slug, issuerId: t.issuerId, issuerName: issuerName!, title: t.title, summary: t.summary,
      competency: t.microCredentials.map((m) => m.currentVersion?.competency ?? '').join(' '), body: t.description, topic: t.topic,
      subjects: t.subjects, gradeBands: t.gradeBands, level: null, pdHours: hours, stackSlugs: [], badgeColor: '#0f766e', publishedAt: t.publishedAt ?? new Date(),
    };
    await tx.catalogEntry.upsert({ where: { kind_refId: { kind, refId } }, create: { kind, refId, ...data }, update: data });
    return;
  }
  const s = await tx.stack.findUnique({
    where: { id: refId },
    select: {
      slug: true, status: true, title: true, summary: true, description: true, publishedAt: true, issuerId: true, badgeColor: true,
      items: { select: { microCredential: { select: { topic: true, subjects: true, gradeBands: true, currentVersion: { select: { pdHours: true, competency: true } } } } } },
    },
  });
  const issuerName = s && (await issuerNameHeld(tx, s.issuerId));
  if (!s || s.status !== 'PUBLISHED') {
    await tx.catalogEntry.deleteMany({ where: { kind, refId } });
    return;
  }
  const mcs = s.items.map((i) => i.microCredential);
  const data = {
    slug: s.slug, issuerId: s.issuerId, issuerName: issuerName!, title: s.title, summary: s.summary,
    competency: mcs.map((m) => m.currentVersion?.competency ?? '').join(' '), body: s.description, topic: mcs[0]?.topic ?? 'Stack',
    subjects: [...new Set(mcs.flatMap((m) => m.subjects))], gradeBands: [...new Set(mcs.flatMap((m) => m.gradeBands))], level: null,
    pdHours: mcs.reduce((sum, m) => sum + Number(m.currentVersion?.pdHours ?? 0), 0), stackSlugs: [s.slug], badgeColor: s.badgeColor,
    publishedAt: s.publishedAt ?? new Date(),
  };
  await tx.catalogEntry.upsert({ where: { kind_refId: { kind, refId } }, create: { kind, refId, ...data }, update: data });
}
