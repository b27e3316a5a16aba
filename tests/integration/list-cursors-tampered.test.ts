// Every keyset list takes its cursor from an address anyone can edit. A cursor that decodes but
// holds a value Postgres refuses (a year before 1, a time that is not one, a bigint past its range)
// starts the list from its first page, like a malformed one, instead of an error page. Against
// Postgres, through the real list queries. (The catalogue's own cases are in catalog.test.ts.)
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { makeReviewWorld, submitTextAttempt } from '../factories/review-world';
import { encodeCursor } from '@/lib/catalog/cursor';
import { listMyReviewHistory } from '@/lib/review/history';
import { listAdjudicationQueue, listOpenAttemptsForAssignment, listReviewQueue } from '@/lib/review/queries';
import { listAuditLog } from '@/lib/audit/queries';
import { AuditFilterInput } from '@/lib/audit/schemas';
import { listAdminCredentials } from '@/lib/authoring/queries';
import { listDistrictProposals } from '@/lib/proposals/queries';
import { decideProposal, saveProposal } from '@/lib/proposals/mutations';
import { listPendingInvitations } from '@/lib/people/queries';
import { listIssuerApplications } from '@/lib/submissions/admin-list';

beforeEach(resetDatabase);

const YEAR_ZERO = '0000-01-01T00:00:00.000Z';
const BEFORE_CHRIST = '-100000-01-01T00:00:00.000Z';
const cursors = (key: string, id = 'cl0000000000000000000000') => [
  encodeCursor({ [key]: YEAR_ZERO, id }),
  encodeCursor({ [key]: BEFORE_CHRIST, id }),
  encodeCursor({ [key]: 'not a time', id }),
];

describe('a hand-edited list cursor', () => {
  it('starts the review lists, the credential list, the audit log and the invitations from their first page', async () => {
    const w = await makeReviewWorld();
    const reviewer = await w.reviewer();
    const attemptId = await submitTextAttempt(w, await createActor());
    const ids = (r: { items: { attemptId: string }[] }) => r.items.map((i) => i.attemptId);

    expect(ids(await listReviewQueue({ actor: reviewer }))).toEqual([attemptId]);
    expect(ids(await listOpenAttemptsForAssignment({ actor: w.admin }))).toEqual([attemptId]);
    const credentials = (await listAdminCredentials({ actor: w.admin, issuerIds: [w.issuer.id] })).items.map((i) => i.id);
    expect(credentials).toEqual([w.mc.id]);
    const audit = (await listAuditLog({ actor: w.admin, organizationId: w.issuer.id, filter: AuditFilterInput.parse({}) })).items.map((i) => i.id);
    expect(audit.length).toBeGreaterThan(0);
    const invitations = await listPendingInvitations({ actor: w.admin, organizationId: w.issuer.id });

    for (const cursor of cursors('t')) {
      expect(ids(await listReviewQueue({ actor: reviewer, cursor }))).toEqual([attemptId]);
      expect(ids(await listOpenAttemptsForAssignment({ actor: w.admin, cursor }))).toEqual([attemptId]);
      expect((await listAdjudicationQueue({ actor: w.admin, cursor })).items).toEqual([]);
      expect((await listMyReviewHistory({ actor: reviewer, cursor })).items).toEqual([]);
    }
    for (const cursor of cursors('t', '1')) expect((await listAuditLog({ actor: w.admin, organizationId: w.issuer.id, filter: AuditFilterInput.parse({ cursor }) })).items.map((i) => i.id)).toEqual(audit);
    for (const cursor of cursors('u')) expect((await listAdminCredentials({ actor: w.admin, issuerIds: [w.issuer.id], cursor })).items.map((i) => i.id)).toEqual(credentials);
    for (const cursor of cursors('c')) expect(await listPendingInvitations({ actor: w.admin, organizationId: w.issuer.id, cursor })).toEqual(invitations);
    const applications = (await listIssuerApplications({ actor: w.admin, issuerId: w.issuer.id })).items;
    expect(applications).toHaveLength(1);
    for (const cursor of cursors('t')) expect((await listIssuerApplications({ actor: w.admin, issuerId: w.issuer.id, cursor })).items).toEqual(applications);
    // An audit entry's id is a bigint: 19 nines would overflow it.
    const overflow = encodeCursor({ t: new Date().toISOString(), id: '9999999999999999999' });
    expect((await listAuditLog({ actor: w.admin, organizationId: w.issuer.id, filter: AuditFilterInput.parse({ cursor: overflow }) })).items.map((i) => i.id)).toEqual(audit);
  });

  it("starts a district's proposals from the first page, waiting or decided", async () => {
    const district = await createOrg({ kind: 'DISTRICT', data: { requiresProposal: true } });
    const { mc } = await createPublishedCredential();
    const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const goals = 'My grade 7 students will explain their reasoning in labs.';
    const waiting = await saveProposal({ actor: await createActor({ districtId: district.id }), microCredentialId: mc.id, studentGoals: goals, plan: '', submit: true, version: null });
    const decided = await saveProposal({ actor: await createActor({ districtId: district.id }), microCredentialId: mc.id, studentGoals: goals, plan: '', submit: true, version: null });
    await decideProposal({ actor: leader, proposalId: decided.id, decision: 'APPROVED', comment: '', version: decided.version });
    const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id);
    expect(idsOf(await listDistrictProposals([district.id], { status: 'SUBMITTED' }))).toEqual([waiting.id]);
    for (const cursor of cursors('s')) expect(idsOf(await listDistrictProposals([district.id], { status: 'SUBMITTED', cursor }))).toEqual([waiting.id]);
    // The whole list, waiting and decided, is ordered as the waiting one is (by when sent).
    for (const cursor of cursors('s')) expect(new Set(idsOf(await listDistrictProposals([district.id], { cursor })))).toEqual(new Set([waiting.id, decided.id]));
    for (const cursor of cursors('d')) expect(idsOf(await listDistrictProposals([district.id], { status: 'APPROVED', cursor }))).toEqual([decided.id]);
  });
});
