import 'server-only';
import { db } from '@/lib/db';
import { searchText } from '@/lib/search-text';
import { forbidden } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { isPlatformAdmin, isSchoolLeader, ledSchoolIds } from '@/lib/auth/actor';
import { ADMIN_PICKER_LIMIT } from '@/lib/school/schemas';

// Which schools a school leader (principal) may read (ADR 016): those where they hold the
// SCHOOL_LEADER role, and only schools of a district (a school outside any district has no
// teachers to read). Platform admins read every school, as they lead every district. A district's
// leaders are not let in here: /district shows them the same, and more, for every school.

export type LedSchool = { id: string; name: string; districtId: string; districtName: string };

const schoolSelect = { id: true, name: true, parentId: true, parent: { select: { name: true } } } as const;
type SchoolRow = { id: string; name: string; parentId: string | null; parent: { name: string } | null };
const toLed = (s: SchoolRow): LedSchool => ({ id: s.id, name: s.name, districtId: s.parentId!, districtName: s.parent!.name });

export type LedSchools = {
  schools: LedSchool[];
  /** More schools matched than the picker lists (platform admins only). */
  cutOff: boolean;
};

/** The schools this person leads, by name; for a platform admin, the first ADMIN_PICKER_LIMIT (whose name contains `find`, when given). */
export async function listLedSchools(actor: Actor, opts: { find?: string } = {}): Promise<LedSchools> {
  const admin = isPlatformAdmin(actor);
  const ids = ledSchoolIds(actor);
  if (!admin && !ids.length) return { schools: [], cutOff: false };
  const find = admin ? searchText(opts.find) : undefined;
  const rows = await db.organization.findMany({
    where: {
      kind: 'SCHOOL',
      parent: { kind: 'DISTRICT' },
      ...(admin ? {} : { id: { in: ids } }),
      ...(find ? { name: { contains: find, mode: 'insensitive' as const } } : {}),
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: admin ? ADMIN_PICKER_LIMIT + 1 : undefined,
    select: schoolSelect,
  });
  const cutOff = admin && rows.length > ADMIN_PICKER_LIMIT;
  return { schools: rows.slice(0, admin ? ADMIN_PICKER_LIMIT : undefined).map(toLed), cutOff };
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

/**
 * The school from ?school=, or the first one led; refused when none is led or the one asked for is
 * not. `schools` are those the picker lists (an admin's search may leave out the school shown).
 */
export async function resolveSchool(actor: Actor, requested?: string | null, opts: { find?: string } = {}): Promise<LedSchools & { school: LedSchool }> {
  const { schools, cutOff } = await listLedSchools(actor, opts);
  if (requested) {
    const school = schools.find((s) => s.id === requested) ?? (await assertLeadsSchool(actor, requested));
    return { school, schools, cutOff };
  }
  const first = schools[0] ?? (opts.find && isPlatformAdmin(actor) ? (await listLedSchools(actor)).schools[0] : undefined);
  if (!first) throw forbidden('You do not lead a school.');
  return { school: first, schools, cutOff };
}
