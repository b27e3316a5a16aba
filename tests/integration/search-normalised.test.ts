// A search typed with full-width letters (a CJK keyboard's Latin mode: "Ｍａｒｉａ") or with an accent
// as a separate mark ("Jose" + U+0301) finds names and titles stored the usual way ("Maria José",
// the accent one character) in every people and records search, as the catalogue's search does:
// the query is read in NFKC (lib/search-text.ts). Each list is called as its page calls it, with the
// actor allowed to see it. Real Postgres.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { createActor, createEarnedAward, createOrg, createPublishedCredential, createWaitingAttempt } from '../factories';
import { listOrgMembers, listPendingInvitations } from '@/lib/people/queries';
import { listDistrictProposals } from '@/lib/proposals/queries';
import { listOrganizations, searchAccounts } from '@/lib/organizations/platform';
import { IssuedFilterInput, listIssuedAwards } from '@/lib/awards/issued';
import { listAdminCredentials } from '@/lib/authoring/queries';
import { listIssuerApplications } from '@/lib/submissions/admin-list';
import { ApplicationsQuery } from '@/lib/submissions/admin-list-schemas';
import { listLedSchools } from '@/lib/school/access';

const NAME = 'Maria Jos\u00e9'; // stored as people usually type it: é is one character
const FULL_WIDTH = 'Ｍａｒｉａ';
const DECOMPOSED = 'Jose\u0301'; // é typed as e and a combining acute accent
const FULL_NAME_DECOMPOSED = 'Ｍａｒｉａ\u3000Jose\u0301'; // both at once, with an ideographic space

type World = {
  issuer: { id: string }; district: { id: string };
  admin: Actor; root: Actor; maria: Actor;
  cafe: { id: string }; feedback: { id: string };
};
let w: World;

beforeAll(async () => {
  await resetDatabase();
  const issuer = await createOrg({ kind: 'ISSUER', name: `${NAME} Institute` });
  await createOrg({ kind: 'ISSUER', name: 'Lakeside Institute' });
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const school = await createOrg({ kind: 'SCHOOL', name: `${NAME} Elementary`, parentId: district.id });
  await createOrg({ kind: 'SCHOOL', name: 'Alder Middle', parentId: district.id });
  const platform = await createOrg({ kind: 'PLATFORM' });
  const root = await createActor({ name: 'Pat Platform', roles: [{ role: 'PLATFORM_ADMIN', organizationId: platform.id }] });
  const admin = await createActor({ name: 'Ada Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });

  // The titles: "Café" with its é as one character, as an author types it.
  const cafe = (await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Caf\u00e9 talk: questioning that deepens thinking' } })).mc;
  const feedback = (await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Feedback that moves learning' } })).mc;

  // Maria José: a reviewer of the issuer, a teacher of the district placed at the school, with a
  // proposal, an application waiting for review and a badge. Marta Jones has the same kinds of
  // records, so each search shows it picks Maria's out.
  const maria = await createActor({ name: NAME, email: 'maria.jose@school.test', districtId: district.id, schoolId: school.id, roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
  const marta = await createActor({ name: 'Marta Jones', email: 'marta.jones@school.test', districtId: district.id, roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
  for (const [teacher, mc] of [[maria, cafe], [marta, feedback]] as const) {
    await db.proposal.create({ data: { userId: teacher.id, districtId: district.id, microCredentialId: mc.id, studentGoals: 'Goals', status: 'SUBMITTED', submittedAt: new Date('2026-01-02') } });
    await createWaitingAttempt(teacher, mc.id);
  }
  await createEarnedAward(maria, feedback, { title: 'Feedback that moves learning', level: 2, issuedAt: '2026-03-01' });
  await createEarnedAward(marta, cafe, { title: 'Caf\u00e9 talk: questioning that deepens thinking', level: 2, issuedAt: '2026-03-02' });

  const expiresAt = new Date(Date.now() + 7 * 86_400_000);
  for (const email of ['maria.jose.new@school.test', 'someone.else@school.test']) {
    await db.invitation.create({ data: { email, organizationId: issuer.id, role: 'REVIEWER', tokenHash: randomBytes(16).toString('hex'), invitedById: admin.id, expiresAt } });
  }
  w = { issuer, district, admin, root, maria, cafe, feedback };
});

describe('a search typed in full-width letters or with a separate accent mark finds the usual spelling', () => {
  it('finds the issuer’s members by name', async () => {
    const names = async (q: string) => (await listOrgMembers({ actor: w.admin, organizationId: w.issuer.id, q })).items.map((u) => u.name);
    expect(await names('Ｍａｒｉａ')).toEqual([NAME]);
    expect(await names(DECOMPOSED)).toEqual([NAME]);
    expect(await names(FULL_NAME_DECOMPOSED)).toEqual([NAME]);
    expect(await names('ＭＡＲＩＡ．ＪＯＳＥ＠')).toEqual([NAME]); // the email, in full-width capitals
  });

  it('finds an open invitation by email', async () => {
    // An address has no accents to type apart; full-width letters and signs are the case here.
    const emails = async (q: string) => (await listPendingInvitations({ actor: w.admin, organizationId: w.issuer.id, q })).items.map((i) => i.email);
    expect(await emails('ｍａｒｉａ．ｊｏｓｅ．ｎｅｗ')).toEqual(['maria.jose.new@school.test']);
    expect(await emails('ＭＡＲＩＡ．ＪＯＳＥ．ＮＥＷ＠')).toEqual(['maria.jose.new@school.test']);
  });

  it('finds the district’s proposals by teacher name and by credential title', async () => {
    const teachers = async (q: string) => (await listDistrictProposals([w.district.id], { q })).map((p) => p.user.name);
    expect(await teachers(FULL_WIDTH)).toEqual([NAME]);
    expect(await teachers(DECOMPOSED)).toEqual([NAME]);
    expect(await teachers('Ｃａｆé ｔａｌｋ')).toEqual([NAME]);
    expect(await teachers('Cafe\u0301 talk')).toEqual([NAME]);
  });

  it('finds organisations and accounts for a platform admin', async () => {
    const orgs = async (q: string) => (await listOrganizations({ actor: w.root, q })).items.map((o) => o.name);
    expect(await orgs(FULL_WIDTH)).toEqual([`${NAME} Institute`]);
    expect(await orgs(DECOMPOSED)).toEqual([`${NAME} Institute`]);
    const accounts = async (q: string) => (await searchAccounts({ actor: w.root, q })).items.map((u) => u.name);
    expect(await accounts(FULL_WIDTH)).toEqual([NAME]);
    expect(await accounts(FULL_NAME_DECOMPOSED)).toEqual([NAME]);
    // A full-width @ makes it an address search, as "@" does.
    expect(await accounts('ｍａｒｉａ．ｊｏｓｅ＠')).toEqual([NAME]);
  });

  it('finds issued badges by recipient and title, from the page’s query string and called directly', async () => {
    const recipients = async (q: string) => (await listIssuedAwards({ actor: w.admin, issuerIds: [w.issuer.id], filter: IssuedFilterInput.parse({ q }) })).items.map((r) => `${r.recipient}: ${r.title}`);
    expect(await recipients(FULL_WIDTH)).toEqual([`${NAME}: Feedback that moves learning`]);
    expect(await recipients(DECOMPOSED)).toEqual([`${NAME}: Feedback that moves learning`]);
    expect(await recipients('Ｃａｆe\u0301')).toEqual(['Marta Jones: Caf\u00e9 talk: questioning that deepens thinking']);
    const direct = await listIssuedAwards({ actor: w.admin, issuerIds: [w.issuer.id], filter: { q: FULL_NAME_DECOMPOSED } });
    expect(direct.items.map((r) => r.recipient)).toEqual([NAME]);
  });

  it('finds the issuer’s micro-credentials by title', async () => {
    const titles = async (q: string) => (await listAdminCredentials({ actor: w.admin, issuerIds: [w.issuer.id], q })).items.map((m) => m.id);
    expect(await titles('Ｑｕｅｓｔｉｏｎｉｎｇ')).toEqual([w.cafe.id]);
    expect(await titles('Cafe\u0301')).toEqual([w.cafe.id]);
  });

  it('finds applications by teacher name, from the page’s query string and called directly', async () => {
    const teachers = async (q: string | undefined) => (await listIssuerApplications({ actor: w.admin, issuerId: w.issuer.id, q })).items.map((a) => a.teacher.name);
    expect(await teachers(FULL_WIDTH)).toEqual([NAME]);
    expect(await teachers(DECOMPOSED)).toEqual([NAME]);
    expect(await teachers(ApplicationsQuery.parse({ q: FULL_NAME_DECOMPOSED }).q)).toEqual([NAME]);
    expect(await teachers('ｍａｒｉａ．ｊｏｓｅ＠')).toEqual([NAME]);
  });

  it('finds a school in a platform admin’s school picker', async () => {
    const schools = async (find: string) => (await listLedSchools(w.root, { find })).schools.map((s) => s.name);
    expect(await schools(FULL_WIDTH)).toEqual([`${NAME} Elementary`]);
    expect(await schools(DECOMPOSED)).toEqual([`${NAME} Elementary`]);
  });

  it('still tells the spellings apart: an accent the stored name lacks does not match', async () => {
    // Normalising the query joins its mark to the letter; it does not drop accents.
    expect((await listOrgMembers({ actor: w.admin, organizationId: w.issuer.id, q: 'Marta Jo\u0301nes' })).items).toEqual([]);
    expect((await listOrgMembers({ actor: w.admin, organizationId: w.issuer.id, q: 'Ｍａｒｔａ' })).items.map((u) => u.name)).toEqual(['Marta Jones']);
  });
});
