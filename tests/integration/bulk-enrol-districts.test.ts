// An issuer's bulk enrolment and districts (ADR 010): a school named in the CSV is matched within one
// district only, and for an account the import creates it asks that district to confirm the
// teacher; an existing account is enrolled without a request; it never places anyone.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { importBulkEnrol, previewBulkEnrol } from '@/lib/people/mutations';
import { notAskedResult } from '@/lib/people/enrol-words';
import { decideDistrictRequest, decideDistrictRequests, listDistrictRequests } from '@/lib/district/requests';
import { runDueJobs } from '@/lib/jobs/queue';
import { jobHandlers } from '@/lib/jobs/handlers';
import { listDistrictTeachers } from '@/lib/district/queries';

beforeEach(resetDatabase);

async function world() {
  const { issuer, admin, mc } = await createPublishedCredential();
  await db.organization.update({ where: { id: issuer.id }, data: { name: 'Teach Well Institute' } });
  const maple = await createOrg({ kind: 'DISTRICT', name: 'Maple Valley' });
  const river = await createOrg({ kind: 'DISTRICT', name: 'River Bend' });
  const mapleLincoln = await createOrg({ kind: 'SCHOOL', name: 'Lincoln Elementary', slug: 'maple-lincoln', parentId: maple.id });
  const riverLincoln = await createOrg({ kind: 'SCHOOL', name: 'Lincoln Elementary', slug: 'river-lincoln', parentId: river.id });
  const oak = await createOrg({ kind: 'SCHOOL', name: 'Oak High', parentId: river.id });
  const mapleLeaders = [
    await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: maple.id }] }),
    await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: maple.id }] }),
  ];
  const riverLeader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: river.id }] });
  return { issuer, admin, mc, maple, river, mapleLincoln, riverLincoln, oak, mapleLeaders, riverLeader };
}

const placement = (email: string) => db.user.findUniqueOrThrow({ where: { email }, select: { districtId: true, schoolId: true, requestedDistrictId: true, districtRequestedAt: true } });

describe('bulk enrolment asks districts instead of placing people', () => {
  it('a school name found in two districts is a row error unless the row gives its district', async () => {
    const w = await world();
    const csv = ['email,name,school', 'ana@school.org,Ana Díaz,Lincoln Elementary', 'bo@school.org,Bo Brown,Oak High'].join('\n');
    const preview = await previewBulkEnrol({ actor: w.admin, issuerId: w.issuer.id, target: `mc:${w.mc.id}`, csv });
    expect(preview.errorCount).toBe(1);
    expect(preview.rows[0].errors).toEqual(['“Lincoln Elementary” is a school in several districts: add a district column.']);
    // A name found in one district only is matched there, and the preview names that district.
    expect(preview.rows[1]).toMatchObject({ errors: [], school: { id: w.oak.id }, district: { id: w.river.id, name: 'River Bend' }, joinRequest: 'ask' });

    await expect(importBulkEnrol({ actor: w.admin, issuerId: w.issuer.id, target: `mc:${w.mc.id}`, csv })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { 'line 2': expect.any(Array) } });
    expect(await db.user.count({ where: { email: { in: ['ana@school.org', 'bo@school.org'] } } })).toBe(0);
    expect(await db.notification.count()).toBe(0);
  });

  it('a district column picks the school within that district; an unknown district or a school outside it is a row error', async () => {
    const w = await world();
    const csv = [
      'email,name,school,district',
      'ana@school.org,Ana Díaz,Lincoln Elementary,river bend',
      'bo@school.org,Bo Brown,Lincoln Elementary,',
      'cy@school.org,Cy Cole,Lincoln Elementary,Atlantis',
      'di@school.org,Di Dale,Oak High,Maple Valley',
    ].join('\n');
    const preview = await previewBulkEnrol({ actor: w.admin, issuerId: w.issuer.id, target: `mc:${w.mc.id}`, csv });
    const byLine = Object.fromEntries(preview.rows.map((r) => [r.line, r]));
    expect(byLine[2]).toMatchObject({ errors: [], school: { id: w.riverLincoln.id }, district: { id: w.river.id, name: 'River Bend' } });
    expect(byLine[3].errors).toEqual(['“Lincoln Elementary” is a school in several districts: give its district.']);
    expect(byLine[4].errors).toEqual(['No district called “Atlantis” is known.']);
    expect(byLine[5].errors).toEqual(['No school called “Oak High” is known in Maple Valley.']);
  });

  it('imports without placing anyone: new accounts ask the right district, whose leaders are told once; existing accounts are not asked', async () => {
    const w = await world();
    // Already in a district, already asking to join one, and in no district at all.
    await createActor({ email: 'placed@school.org', districtId: w.maple.id });
    await createActor({ email: 'asking@school.org' });
    await db.user.update({ where: { email: 'asking@school.org' }, data: { requestedDistrictId: w.maple.id, districtRequestedAt: new Date('2024-01-01') } });
    await createActor({ email: 'free@school.org' });
    const csv = [
      'email,name,school,district',
      'ana@school.org,Ana Díaz,Lincoln Elementary,River Bend',
      'bo@school.org,Bo Brown,river-lincoln,',
      'cy@school.org,Cy Cole,Oak High,',
      'placed@school.org,Placed,Lincoln Elementary,River Bend',
      'asking@school.org,Asking,Oak High,',
      'free@school.org,Free,Lincoln Elementary,Maple Valley',
      'ed@school.org,Ed Ebb,,',
    ].join('\n');
    const preview = await previewBulkEnrol({ actor: w.admin, issuerId: w.issuer.id, target: `mc:${w.mc.id}`, csv });
    expect(preview.errorCount).toBe(0);
    expect(preview.rows.map((r) => r.joinRequest)).toEqual(['ask', 'ask', 'ask', 'unchanged', 'unchanged', 'not_asked', null]);

    const result = await importBulkEnrol({ actor: w.admin, issuerId: w.issuer.id, target: `mc:${w.mc.id}`, csv });
    expect(result).toMatchObject({ rows: 7, created: 4, enrolled: 7, requested: 3, notAsked: 1 });

    // Nobody is placed in a district or at a school by the import.
    for (const email of ['ana@school.org', 'bo@school.org', 'cy@school.org', 'ed@school.org', 'free@school.org']) {
      expect(await placement(email)).toMatchObject({ districtId: null, schoolId: null });
    }
    expect(await placement('ana@school.org')).toMatchObject({ requestedDistrictId: w.river.id, districtRequestedAt: expect.any(Date) });
    expect(await placement('bo@school.org')).toMatchObject({ requestedDistrictId: w.river.id });
    expect(await placement('cy@school.org')).toMatchObject({ requestedDistrictId: w.river.id });
    // An existing account is enrolled, and nothing more: no district is asked in its name.
    expect(await placement('free@school.org')).toMatchObject({ requestedDistrictId: null, districtRequestedAt: null });
    expect(await placement('ed@school.org')).toMatchObject({ requestedDistrictId: null, districtRequestedAt: null });
    // People already in a district or already asking are left as they were.
    expect(await placement('placed@school.org')).toMatchObject({ districtId: w.maple.id, requestedDistrictId: null });
    expect(await placement('asking@school.org')).toMatchObject({ districtId: null, requestedDistrictId: w.maple.id, districtRequestedAt: new Date('2024-01-01') });

    // The districts count nobody new; their leaders see the requests.
    expect((await listDistrictTeachers({ actor: w.riverLeader, districtId: w.river.id })).items).toEqual([]);
    expect((await listDistrictRequests({ actor: w.riverLeader, districtId: w.river.id })).items.map((r) => r.email).sort()).toEqual(['ana@school.org', 'bo@school.org', 'cy@school.org']);
    expect((await listDistrictRequests({ actor: w.mapleLeaders[0], districtId: w.maple.id })).items.map((r) => r.email).sort()).toEqual(['asking@school.org']);

    // One notification per leader per district for the whole import, not one per row.
    const riverNotes = await db.notification.findMany({ where: { userId: w.riverLeader.id, kind: 'district.join_request' }, select: { title: true, href: true } });
    expect(riverNotes).toEqual([{ title: '3 teachers enrolled by Teach Well Institute ask to join River Bend', href: `/district/people?district=${w.river.id}#requests` }]);
    for (const leader of w.mapleLeaders) {
      expect(await db.notification.count({ where: { userId: leader.id, kind: 'district.join_request' } })).toBe(0);
    }

    // The district decides as with any request.
    await db.user.update({ where: { email: 'ana@school.org' }, data: { emailVerified: new Date() } });
    const ana = await db.user.findUniqueOrThrow({ where: { email: 'ana@school.org' }, select: { id: true } });
    await decideDistrictRequest({ actor: w.riverLeader, districtId: w.river.id, userId: ana.id, decision: 'confirm', schoolId: w.riverLincoln.id });
    expect(await placement('ana@school.org')).toMatchObject({ districtId: w.river.id, schoolId: w.riverLincoln.id, requestedDistrictId: null });

    // Importing the same file again asks nobody twice and tells nobody again.
    const again = await importBulkEnrol({ actor: w.admin, issuerId: w.issuer.id, target: `mc:${w.mc.id}`, csv });
    expect(again).toMatchObject({ created: 0, requested: 0 });
    expect(await db.notification.count({ where: { kind: 'district.join_request' } })).toBe(1);

    // The import's notice stays while any of its requests waits, and goes with the district's last
    // one to decide, its email too if not sent yet.
    const rest = await db.user.findMany({ where: { email: { in: ['bo@school.org', 'cy@school.org'] } }, select: { id: true } });
    await decideDistrictRequests({ actor: w.riverLeader, districtId: w.river.id, userIds: [rest[0].id], decision: 'decline' });
    expect(await db.notification.count({ where: { userId: w.riverLeader.id, kind: 'district.join_request' } })).toBe(1);
    await decideDistrictRequests({ actor: w.riverLeader, districtId: w.river.id, userIds: [rest[1].id], decision: 'decline' });
    expect(await db.notification.count({ where: { userId: w.riverLeader.id, kind: 'district.join_request' } })).toBe(0);
    while (await runDueJobs(jobHandlers, 50));
    expect(await db.emailMessage.count({ where: { subject: { contains: 'ask to join River Bend' } } })).toBe(0);
  });

  it('a file with a bad row asks no district and tells no leader', async () => {
    const w = await world();
    const csv = ['email,name,school', 'ana@school.org,Ana Díaz,Oak High', 'bo@school.org,Bo Brown,Nowhere School'].join('\n');
    await expect(importBulkEnrol({ actor: w.admin, issuerId: w.issuer.id, target: `mc:${w.mc.id}`, csv })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await db.user.count({ where: { requestedDistrictId: { not: null } } })).toBe(0);
    expect(await db.notification.count()).toBe(0);
  });

  it('an existing account named with a district is enrolled but not made to ask it: the district sees no request and cannot confirm one', async () => {
    const w = await world();
    const someone = await createActor({ email: 'someone@school.org', name: 'Some One' });
    const csv = ['email,name,district', 'someone@school.org,Some One,Maple Valley', 'new@school.org,New Person,Maple Valley'].join('\n');

    const preview = await previewBulkEnrol({ actor: w.admin, issuerId: w.issuer.id, target: `mc:${w.mc.id}`, csv });
    expect(preview.rows.map((r) => [r.email, r.existingUser, r.joinRequest])).toEqual([['someone@school.org', true, 'not_asked'], ['new@school.org', false, 'ask']]);

    const result = await importBulkEnrol({ actor: w.admin, issuerId: w.issuer.id, target: `mc:${w.mc.id}`, csv });
    expect(result).toMatchObject({ rows: 2, created: 1, enrolled: 2, requested: 1, notAsked: 1 });
    expect(await db.enrollment.count({ where: { userId: someone.id, microCredentialId: w.mc.id, withdrawnAt: null } })).toBe(1);
    expect(await placement('someone@school.org')).toEqual({ districtId: null, schoolId: null, requestedDistrictId: null, districtRequestedAt: null });
    // The new account asks as before; the existing one is not among the district's requests.
    expect((await listDistrictRequests({ actor: w.mapleLeaders[0], districtId: w.maple.id })).items.map((r) => r.email)).toEqual(['new@school.org']);
    expect(await db.notification.findMany({ where: { userId: w.mapleLeaders[0].id, kind: 'district.join_request' }, select: { title: true } })).toEqual([{ title: '1 teacher enrolled by Teach Well Institute asks to join Maple Valley' }]);
    // A leader cannot confirm a request that was never made: the person stays out of the district.
    await decideDistrictRequest({ actor: w.mapleLeaders[0], districtId: w.maple.id, userId: someone.id, decision: 'confirm' }).catch(() => undefined);
    expect(await placement('someone@school.org')).toMatchObject({ districtId: null });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'people.bulk_enrol' }, select: { data: true } });
    expect(audit.data).toMatchObject({ requested: 1, notAsked: 1 });
    // What the admin is told after the import.
    expect(notAskedResult(result.notAsked)).toBe('1 existing account was enrolled; it was not asked to join a district: the person can ask from their account page.');
    expect(notAskedResult(3)).toBe('3 existing accounts were enrolled; they were not asked to join a district: each person can ask from their account page.');
  });
});
