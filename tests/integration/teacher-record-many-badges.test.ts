// A teacher's record (lib/reporting/teacher.ts, the "What your badges count toward" panel of My
// badges and the PD record CSV) counts every badge, not the newest thousand: PD hours per school
// year and in all, badges that verify today, the salary step and the renewals. Against Postgres,
// with 1,200 newer badges put in with one INSERT … SELECT generate_series, and an older badge behind
// them that is due for renewal and counts toward a salary step.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textOf } from '../setup/html';
import { createActor, createEarnedAward, createOrg, createPublishedCredential } from '../factories';
import { getTeacherRecord, renewalsOpen, teacherRecordCsv } from '@/lib/reporting/teacher';
import { hoursBySchoolYear, totalHoursOf } from '@/lib/reporting/teacher-record';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: BadgesPage } = await import('@/app/badges/page');

const DAY = 86_400_000;
const MANY = 1200;
const now = new Date();
let teacher: Actor;
let oldAwardId: string;

beforeAll(async () => {
  await resetDatabase();
  const district = await createOrg({ kind: 'DISTRICT', name: 'Riverside District' });
  await db.salaryStepRule.create({ data: { districtId: district.id, label: 'Step 1', minLevel: 2, credentialsRequired: 1, amountCents: 50_000 } });
  teacher = await createActor({ name: 'Maya Many', districtId: district.id });
  const { mc } = await createPublishedCredential();
  // Two years old, at level 2, ending in 30 days: due for renewal, and counting toward Step 1.
  oldAwardId = (await createEarnedAward(teacher, mc, { title: 'Exit Tickets', hours: 10, level: 2, issuedAt: new Date(now.getTime() - 730 * DAY).toISOString(), validUntil: new Date(now.getTime() + 30 * DAY) })).id;

  // 1,200 newer badges, an hour apart: 1.5 PD hours each; every tenth revoked, the next suspended
  // and the next expired.
  const list = await db.statusList.create({ data: { issuerId: mc.issuerId, purpose: 'revocation', bits: new Uint8Array(16) }, select: { id: true } });
  await db.$executeRaw`
    INSERT INTO "Award" ("id", "userId", "issuerId", "title", "pdHours", "level", "recipientName", "issuedAt", "validUntil", "credential", "statusListId", "statusListIndex", "revokedAt", "suspendedAt")
    SELECT gen_random_uuid(), ${teacher.id}, ${mc.issuerId}, 'Badge ' || g, 1.5, 1, ${teacher.name},
           ${now}::timestamp - make_interval(hours => g),
           CASE WHEN g % 10 = 2 THEN ${now}::timestamp - interval '1 minute' END,
           '{}'::jsonb, ${list.id}, 1000 + g,
           CASE WHEN g % 10 = 0 THEN ${now}::timestamp END,
           CASE WHEN g % 10 = 1 THEN ${now}::timestamp END
      FROM generate_series(1, ${MANY}) AS g`;
  // Another teacher's badge counts for nobody here.
  const other = await createActor();
  await createEarnedAward(other, mc, { hours: 99, level: 2, issuedAt: now.toISOString() });
}, 60_000);

describe('a teacher with more than a thousand badges', () => {
  it('counts every badge: hours, badges that verify today, the salary step and the renewal behind the newest thousand', async () => {
    const record = await getTeacherRecord(teacher, now);
    // Every badge is a row of the PD record (the CSV), and the totals match what the rows add up to.
    expect(record.rows).toHaveLength(MANY + 1);
    expect(record.rows.at(-1)!.id).toBe(oldAwardId);
    expect(record.years).toEqual(hoursBySchoolYear(record.rows));
    // 1,080 badges not revoked at 1.5 hours, and the old one's 10.
    expect(record.totalHours).toBe(1630);
    expect(totalHoursOf(record.years)).toBe(1630);
    expect(record.years[0].hours).toBe(10);
    // Not revoked, suspended or expired: 840 of the newer ones, and the old one.
    expect(record.verifyToday).toBe(841);
    expect(record.verifyToday).toBe(record.rows.filter((r) => r.state === 'valid').length);
    expect(record.salary).toMatchObject({ districtName: 'Riverside District', result: { qualifyingCount: 1, rule: { label: 'Step 1' }, amountCents: 50_000 } });
    expect(record.renewals.map((r) => ({ id: r.id, renewal: r.renewal }))).toEqual([{ id: oldAwardId, renewal: 'open' }]);
    expect((await renewalsOpen(teacher.id, now)).map((r) => r.id)).toEqual([oldAwardId]);
    expect(teacherRecordCsv(record, { name: teacher.name, email: teacher.email }).trim().split('\n')).toHaveLength(MANY + 2);

    // The page asks for no rows (it lists the badges a page at a time) and has the same totals.
    const forPage = await getTeacherRecord(teacher, now, { rows: false });
    expect(forPage.rows).toEqual([]);
    expect({ ...forPage, rows: record.rows }).toEqual(record);
  });

  it('shows those totals in the My badges panel', async () => {
    session.actor = teacher;
    const html = renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) }));
    const text = textOf(html);
    expect(text).toContain('PD hours, all time 1630 ');
    expect(text).toContain('Badges that verify today 841 ');
    expect(text).toContain('You reach Step 1');
    expect(text).toMatch(/Exit Tickets : expires on/);
  });
});
