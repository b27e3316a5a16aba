import 'server-only';
import { db } from '@/lib/db';
import { forbidden } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { isPlatformAdmin, isSchoolLeader, ledSchoolIds } from '@/lib/auth/actor';

// Which schools a school leader (principal) may read (ADR 016): those where they hold the
// SCHOOL_LEADER role, and only schools of a district (a school outside any district has no
// teachers to read). Platform admins read every school, as they lead every district. A district's
// leaders are not let in here: /district shows them the same, and more, for every school.

export type LedSchool = { id: string; name: string; districtId: string; districtName: string };

/** A platform admin's picker lists this many schools at most (a school can still be opened by id). */
const ADMIN_PICKER_LIMIT = 200;

const schoolSelect = { id: true, name: true, parentId: true, parent: { select: { name: true } } } as const;
type SchoolRow = { id: string; name: string; parentId: string | null; parent: { name: string } | null };
const toLed = (s: SchoolRow): LedSchool => ({ id: s.id, name: s.name, districtId: s.parentId!, districtName: s.parent!.name });

/** The schools this person leads, by name. */
export async function listLedSchools(actor: Actor): Promise<LedSchool[]> {
  const admin = isPlatformAdmin(actor);
  const ids = ledSchoolIds(actor);
  if (!admin && !ids.length) return [];
  const rows = await db.organization.findMany({
    where: { kind: 'SCHOOL', parent: { kind: 'DISTRICT' }, ...(admin ? {} : { id: { in: ids } }) },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: admin ? ADMIN_PICKER_LIMIT : undefined,
    select: schoolSelect,
  });
  return rows.map(toLed);
}

/**
 * The school a school leader's page, query or export works on, checked against the records: a
 * school they do not lead (another district's or one beside theirs) is refused, with the same
 * answer as an id that is no school, so ids cannot be probed.
 */
export async function assertLeadsSchool(actor: Actor, schoolId: string): Promise<LedSchool> {
  if (!isSchoolLeader(actor, schoolId)) throw forbidden('You do not lead that school.');
  const school = await db.organization.findFirst({ where: { id: schoolId, kind: 'SCHOOL', parent: { kind: 'DISTRICT' } }, select: schoolSelect });
  if (!school) throw forbidden('You do not lead that school.');
  return toLed(school);
}

/** The school from ?school=, or the first one led; refused when none is led or the one asked for is not. */
export async function resolveSchool(actor: Actor, requested?: string | null): Promise<{ school: LedSchool; schools: LedSchool[] }> {
  const schools = await listLedSchools(actor);
  if (requested) {
    const school = schools.find((s) => s.id === requested) ?? (await assertLeadsSchool(actor, requested));
    return { school, schools };
  }
  if (!schools[0]) throw forbidden('You do not lead a school.');
  return { school: schools[0], schools };
}
