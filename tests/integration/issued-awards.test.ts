// The issuer's list of badges issued (lib/awards/issued.ts): filters, keyset pages, CSV, and only
// for the issuer's own admins. Real Postgres.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createPublishedCredential } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { revokeAward, suspendAward } from '@/lib/awards/revoke';
import { startApplication } from '@/lib/submissions/mutations';
import { IssuedFilterInput, issuedAwardsCsv, listIssuedAwards, ISSUED_PAGE_SIZE } from '@/lib/awards/issued';
import { parseCsv } from '@/lib/csv';
import { loadActor } from '@/lib/auth/load-actor';

beforeEach(resetDatabase);

const NOW = new Date('2026-11-24T12:00:00Z');

async function earn(mcId: string, name: string, issuedAt: Date) {
  const teacher = await createActor({ name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@school.test` });
  const sub = await startApplication({ actor: teacher, microCredentialId: mcId });
  await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED' } });
  return (await issueAwardForSubmission(sub.id, { now: issuedAt })).awardId;
}

describe('badges issued, for the issuer', () => {
  it('lists, filters by status, credential and search, and exports the same rows as CSV', async () => {
    const a = await createPublishedCredential({ def: { title: 'Formative Feedback', expiryMonths: 24 } });
    const b = await createPublishedCredential({ issuerId: a.issuer.id, admin: a.admin, def: { title: 'Questioning' } });
    const elsewhere = await createPublishedCredential();
    const ann = await earn(a.mc.id, 'Ann Avery', new Date('2025-01-10T00:00:00Z')); // valid until 2027-01-10: expiring
    const bo = await earn(a.mc.id, 'Bo Brown', new Date('2024-06-01T00:00:00Z')); // expired 2026-06-01
    const cy = await earn(b.mc.id, 'Cy Chen', new Date('2026-03-01T00:00:00Z')); // no end date
    const di = await earn(b.mc.id, 'Di Dawson', new Date('2026-04-01T00:00:00Z'));
    await earn(elsewhere.mc.id, 'Xavier Other', new Date('2026-05-01T00:00:00Z'));
    await revokeAward({ actor: a.admin, awardId: di, reason: 'Plagiarised evidence.' });
    await suspendAward({ actor: a.admin, awardId: cy, reason: 'Complaint under review.' });

    const list = (filter: Parameters<typeof listIssuedAwards>[0]['filter']) => listIssuedAwards({ actor: a.admin, issuerIds: [a.issuer.id], filter, now: NOW });
    const all = await list({});
    expect(all.total).toBe(4);
    expect(all.items.map((r) => r.recipient)).toEqual(['Di Dawson', 'Cy Chen', 'Ann Avery', 'Bo Brown']);
    expect(all.items.map((r) => r.state)).toEqual(['revoked', 'suspended', 'valid', 'expired']);
    expect(all.items[2]).toMatchObject({ email: 'ann.avery@school.test', title: 'Formative Feedback', level: 2, pdHours: 10 });

    expect((await list({ status: 'valid' })).items.map((r) => r.id)).toEqual([ann]);
    expect((await list({ status: 'expiring' })).items.map((r) => r.id)).toEqual([ann]);
    expect((await list({ status: 'expired' })).items.map((r) => r.id)).toEqual([bo]);
    expect((await list({ status: 'suspended' })).items.map((r) => r.id)).toEqual([cy]);
    expect((await list({ status: 'revoked' })).items.map((r) => r.id)).toEqual([di]);
    expect((await list({ credential: b.mc.id })).items.map((r) => r.id)).toEqual([di, cy]);
    expect((await list({ q: 'brown' })).items.map((r) => r.id)).toEqual([bo]);
    expect((await list({ q: 'CY.CHEN@' })).items.map((r) => r.id)).toEqual([cy]);
    expect((await list({ q: 'questioning', status: 'revoked' })).items.map((r) => r.id)).toEqual([di]);
    // Issued in a date range (UTC days, both ends included): e.g. a quarter's badges.
    expect((await list({ from: '2026-03-01', to: '2026-04-01' })).items.map((r) => r.id)).toEqual([di, cy]);
    expect((await list({ from: '2026-03-02' })).items.map((r) => r.id)).toEqual([di]);
    expect((await list({ to: '2025-01-09' })).items.map((r) => r.id)).toEqual([bo]);
    expect(IssuedFilterInput.parse({ from: 'not-a-date', to: '2026-13-40' })).toMatchObject({ from: undefined, to: undefined });

    // A suspended badge past its end date is listed as suspended only, not also under "expired".
    const eve = await earn(a.mc.id, 'Eve Evans', new Date('2024-05-01T00:00:00Z'));
    await suspendAward({ actor: a.admin, awardId: eve, reason: 'Complaint under review.' });
    expect((await list({ status: 'expired' })).items.map((r) => r.id)).toEqual([bo]);
    expect((await list({ status: 'suspended' })).items.map((r) => r.id).sort()).toEqual([cy, eve].sort());
    await revokeAward({ actor: a.admin, awardId: eve, reason: 'Withdrawn.' });

    const csv = parseCsv(await issuedAwardsCsv({ actor: a.admin, issuerIds: [a.issuer.id], filter: { credential: a.mc.id, status: 'expired' }, now: NOW }));
    expect(csv[0]).toEqual(['Recipient', 'Email', 'Credential', 'Issuer', 'Kind', 'Level', 'PD hours', 'Issued', 'Valid until', 'Status', 'Verify at']);
    expect(csv.slice(1).map((r) => [r[0], r[7], r[8], r[9]])).toEqual([['Bo Brown', '2024-06-01', '2026-06-01', 'Expired']]);
    const csvAll = parseCsv(await issuedAwardsCsv({ actor: a.admin, issuerIds: [a.issuer.id], filter: { credential: a.mc.id }, now: NOW }));
    expect(csvAll.slice(1).map((r) => [r[0], r[9]])).toEqual([['Ann Avery', 'Valid'], ['Bo Brown', 'Expired'], ['Eve Evans', 'Revoked']]);
    expect(csvAll[1][10]).toBe(`http://127.0.0.1:3100/credentials/${ann}`);

    // An admin of several issuers sees them together, and never one they do not administer.
    await db.membership.create({ data: { userId: a.admin.id, organizationId: elsewhere.issuer.id, role: 'ISSUER_ADMIN' } });
    const both = await listIssuedAwards({ actor: (await loadActor(a.admin.id))!, issuerIds: [a.issuer.id, elsewhere.issuer.id], filter: {}, now: NOW });
    expect(both.total).toBe(6);
    expect(both.items.find((r) => r.recipient === 'Xavier Other')?.issuer).toBe(elsewhere.issuer.name);
    await expect(listIssuedAwards({ actor: a.admin, issuerIds: [a.issuer.id, elsewhere.issuer.id], filter: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listIssuedAwards({ actor: a.admin, issuerIds: [], filter: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('pages newest first without repeats or gaps, however many badges share an issue time', async () => {
    const a = await createPublishedCredential();
    const same = new Date('2026-01-01T00:00:00Z');
    const ids = new Set<string>();
    for (let i = 0; i < ISSUED_PAGE_SIZE + 5; i++) ids.add(await earn(a.mc.id, `Teacher ${i}`, same));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listIssuedAwards({ actor: a.admin, issuerIds: [a.issuer.id], filter: { cursor }, now: NOW });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(ids.size);
    expect(new Set(seen)).toEqual(ids);
  }, 60_000);

  it('an edited cursor (not an id, not a real time) shows the first page instead of failing', async () => {
    const a = await createPublishedCredential();
    const id = await earn(a.mc.id, 'Teacher A', new Date('2026-01-01T00:00:00Z'));
    const cursorOf = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const cursor of [
      cursorOf({ t: '2026-01-01T00:00:00.000Z', id: 'not-a-uuid' }),
      cursorOf({ t: '2026-02-30T00:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' }),
      cursorOf({ t: '0000-01-01T00:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' }),
    ]) {
      const page = await listIssuedAwards({ actor: a.admin, issuerIds: [a.issuer.id], filter: { cursor }, now: NOW });
      expect(page.items.map((r) => r.id), cursor).toEqual([id]);
    }
  });

  it('only the issuer’s own admins (and platform admins) see the list or the CSV', async () => {
    const a = await createPublishedCredential();
    const other = await createPublishedCredential();
    await earn(a.mc.id, 'Ann Avery', new Date('2026-01-01T00:00:00Z'));
    const teacher = await createActor();
    for (const actor of [other.admin, teacher]) {
      await expect(listIssuedAwards({ actor, issuerIds: [a.issuer.id], filter: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(issuedAwardsCsv({ actor, issuerIds: [a.issuer.id], filter: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const platform = await createActor({ roles: [{ role: 'PLATFORM_ADMIN', organizationId: a.issuer.id }] });
    expect((await listIssuedAwards({ actor: platform, issuerIds: [a.issuer.id], filter: {} })).total).toBe(1);
  });
});
