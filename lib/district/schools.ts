import 'server-only';
import type { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { db, type Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { assertLeads } from '@/lib/district/access';
import { notFound, validation } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/log';
import { slugFromName, type RenameDistrictInput, type RenameSchoolInput, type SchoolInput } from '@/lib/organizations/schemas';

// A district's schools: leaders add them (for placing teachers, sign-up and reports) and fix their
// names. Schools are not deleted: teachers, memberships and reports refer to them.

export async function listSchoolsWithCounts(opts: { actor: Actor; districtId: string }) {
  assertLeads(opts.actor, opts.districtId);
  return db.organization.findMany({
    where: { kind: 'SCHOOL', parentId: opts.districtId },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, createdAt: true, _count: { select: { schoolUsers: true } } },
  });
}

/** Two leaders (or a double submit) adding or renaming a district's schools take turns. */
async function lockDistrictSchools(tx: Tx, districtId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`district-schools:${districtId}`}))`;
}

async function assertNameFree(tx: Tx, districtId: string, name: string, exceptId?: string) {
  const clash = await tx.organization.findFirst({
    where: { kind: 'SCHOOL', parentId: districtId, name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw validation('Your district already has a school with that name.', { name: ['Your district already has a school with that name.'] });
}

export async function addSchool(opts: { actor: Actor; input: z.output<typeof SchoolInput> }) {
  const { districtId, name } = opts.input;
  assertLeads(opts.actor, districtId);
  const district = await db.organization.findFirst({ where: { id: districtId, kind: 'DISTRICT' }, select: { id: true, slug: true } });
  if (!district) throw notFound('That district');
  // Slugs are unique across every organisation; a short random tail settles the rare clash.
  const base = `${district.slug}-${slugFromName(name) || 'school'}`.slice(0, 70).replace(/-+$/, '');
  return db.$transaction(async (tx) => {
    await lockDistrictSchools(tx, districtId);
    await assertNameFree(tx, districtId, name);
    const taken = await tx.organization.findUnique({ where: { slug: base }, select: { id: true } });
    const slug = taken ? `${base}-${randomBytes(3).toString('hex')}` : base;
    const school = await tx.organization.create({ data: { kind: 'SCHOOL', name, slug, parentId: districtId }, select: { id: true, name: true } });
    await recordAudit({ actorId: opts.actor.id, action: 'district.school_add', entityType: 'Organization', entityId: school.id, organizationId: districtId, data: { name } }, tx);
    return school;
  });
}

export async function renameSchool(opts: { actor: Actor; input: z.output<typeof RenameSchoolInput> }) {
  const school = await db.organization.findFirst({ where: { id: opts.input.schoolId, kind: 'SCHOOL' }, select: { id: true, name: true, parentId: true } });
  if (!school || !school.parentId) throw notFound('That school');
  assertLeads(opts.actor, school.parentId);
  if (school.name === opts.input.name) return school;
  const districtId = school.parentId;
  return db.$transaction(async (tx) => {
    await lockDistrictSchools(tx, districtId);
    await assertNameFree(tx, districtId, opts.input.name, school.id);
    const renamed = await tx.organization.update({ where: { id: school.id }, data: { name: opts.input.name }, select: { id: true, name: true } });
    await recordAudit({ actorId: opts.actor.id, action: 'district.school_rename', entityType: 'Organization', entityId: school.id, organizationId: districtId, data: { from: school.name, to: opts.input.name } }, tx);
    return renamed;
  });
}

/**
 * Corrects the district's own name (a typo when it was created, a merger). Its address stays; the
 * name shows on sign-up, to its teachers and in reports from now on.
 */
export async function renameDistrict(opts: { actor: Actor; input: z.output<typeof RenameDistrictInput> }) {
  const { districtId, name } = opts.input;
  assertLeads(opts.actor, districtId);
  const district = await db.organization.findFirst({ where: { id: districtId, kind: 'DISTRICT' }, select: { id: true, name: true } });
  if (!district) throw notFound('That district');
  if (district.name === name) return district;
  return db.$transaction(async (tx) => {
    const renamed = await tx.organization.update({ where: { id: districtId }, data: { name }, select: { id: true, name: true } });
    await recordAudit({ actorId: opts.actor.id, action: 'district.rename', entityType: 'Organization', entityId: districtId, organizationId: districtId, data: { from: district.name, to: name } }, tx);
    return renamed;
  });
}
