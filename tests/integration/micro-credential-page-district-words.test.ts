// What a micro-credential's page and its proposal page tell a teacher about their own district, built
// from that district's settings: whether a badge like this one counts toward its salary steps (by
// the credential's level; every district with steps, not only those with approved lists), that
// PD hours count either way, and whether the district asks for a proposal at all. And the issuer's
// contact address in "At a glance", for everyone (the page anonymous visitors share). Real
// Postgres, the real pages; only who is signed in is set.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textOf } from '../setup/html';
import { createActor, createEarnedAward, createOrg, createPublishedCredential } from '../factories';
import { getIssuerSalaryStanding } from '@/lib/district/salary-approval';
import { getTeacherRecord } from '@/lib/reporting/teacher';
import { pdHoursByTeacher } from '@/lib/reporting/district';
import { resolvePeriod } from '@/lib/reporting/schemas';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: MicroCredentialPage } = await import('@/app/micro-credentials/[slug]/page');
const { default: ProposalPage } = await import('@/app/micro-credentials/[slug]/proposal/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const page = async (slug: string) => renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve({}) }));
const proposalPage = async (slug: string) => renderToStaticMarkup(await ProposalPage({ params: Promise.resolve({ slug }) }));
const marked = (html: string, attr: string) => {
  const m = new RegExp(`<p[^>]*${attr}[^>]*>([\\s\\S]*?)</p>`).exec(html);
  return m ? textOf(m[1]) : null;
};
const note = (html: string) => marked(html, 'data-salary-issuer-note');

/**
 * Kettle Moraine as the demo seeds it: proposals first, and two steps that each ask for level 2;
 * no approved lists. Lakeside: no proposals, no steps. Acme Learning (a contact address) offers a
 * level 2, a level 1 and an unlevelled micro-credential of 10 PD hours each.
 */
async function world() {
  const km = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine', data: { requiresProposal: true } });
  await db.salaryStepRule.createMany({
    data: [
      { districtId: km.id, label: 'First classroom credential', minLevel: 2, credentialsRequired: 1, amountCents: 10_000, sortOrder: 0 },
      { districtId: km.id, label: 'Three classroom credentials', minLevel: 2, credentialsRequired: 3, amountCents: 30_000, sortOrder: 1 },
    ],
  });
  const lakeside = await createOrg({ kind: 'DISTRICT', name: 'Lakeside' });
  const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: km.id }] });
  const ann = await createActor({ name: 'Ann Avery', districtId: km.id });
  const lee = await createActor({ districtId: lakeside.id });
  const acme = await createOrg({ kind: 'ISSUER', name: 'Acme Learning', data: { email: 'help@acme.example' } });
  const two = await createPublishedCredential({ issuerId: acme.id, def: { title: 'Exit Tickets', level: 2 } });
  const { mc: one } = await createPublishedCredential({ issuerId: acme.id, admin: two.admin, def: { title: 'Seating Charts', level: 1 } });
  const { mc: none } = await createPublishedCredential({ issuerId: acme.id, admin: two.admin, def: { title: 'Reading Circles', level: undefined } });
  return { km, lakeside, leader, ann, lee, acme, two: two.mc, one, none };
}

describe('the salary note on a micro-credential’s page', () => {
  it('says, by the credential’s level, whether a badge like it counts toward the steps of a district with no approved lists', async () => {
    const w = await world();
    session.actor = w.ann;
    expect(note(await page(w.two.slug))).toBe('A level 2 badge like this one counts toward Kettle Moraine’s salary steps.');
    expect(note(await page(w.one.slug))).toBe('Level 1 badges do not count toward Kettle Moraine’s salary steps, which need level 2 or above; their PD hours still count.');
    expect(note(await page(w.none.slug))).toBe('This micro-credential has no level, so its badges do not count toward Kettle Moraine’s salary steps, which need level 2 or above; their PD hours still count.');
    expect(await getIssuerSalaryStanding(w.ann, { issuerId: w.acme.id, microCredentialId: w.one.id, level: 1 }))
      .toEqual({ districtName: 'Kettle Moraine', level: 1, stepLevels: [2], salaryApprovedOnly: false, renewalApprovedOnly: false, issuerApproved: false, credentialApproved: false });
  });

  it('says nothing where there is nothing to say: no steps, no district, signed out', async () => {
    const w = await world();
    session.actor = w.lee;
    expect(note(await page(w.one.slug))).toBeNull();
    session.actor = await createActor();
    expect(note(await page(w.one.slug))).toBeNull();
    session.actor = null;
    expect(note(await page(w.one.slug))).toBeNull();
  });

  it('is right that a level 1 badge’s PD hours count while it reaches no step', async () => {
    const w = await world();
    await createEarnedAward(w.ann, w.one, { title: 'Seating Charts', level: 1, hours: 10, issuedAt: '2026-01-05T10:00:00Z' });
    const record = await getTeacherRecord(w.ann, new Date('2026-06-01T12:00:00Z'), { rows: false });
    expect(record.totalHours).toBe(10);
    expect(record.salary?.result).toMatchObject({ qualifyingCount: 0, rule: null });
    const rows = await pdHoursByTeacher({ actor: w.leader, districtId: w.km.id, period: resolvePeriod({ from: '2025-09-01', to: '2026-08-31' }) });
    expect(rows.find((r) => r.name === 'Ann Avery')).toMatchObject({ hours: 10, credentials: 1 });
  });
});

describe('the proposal page’s opening', () => {
  it('names the teacher’s district and says what it asks for and counts, from its settings', async () => {
    const w = await world();
    session.actor = w.ann;
    expect(marked(await proposalPage(w.one.slug), 'data-district-terms')).toBe(
      'Kettle Moraine asks you to say how each micro-credential will serve your students, and a district leader approves your proposal, before you send your evidence. Level 1 badges do not count toward Kettle Moraine’s salary steps, which need level 2 or above; their PD hours still count.',
    );
    expect(marked(await proposalPage(w.two.slug), 'data-district-terms')).toContain('A level 2 badge like this one counts toward Kettle Moraine’s salary steps.');

    // A district without proposals or steps is not said to have either.
    session.actor = w.lee;
    const lakeside = textOf(await proposalPage(w.two.slug));
    expect(marked(await proposalPage(w.two.slug), 'data-district-terms')).toBe('Lakeside does not ask for proposals, so you do not need one to send your evidence.');
    expect(lakeside).not.toMatch(/salary steps|recognises/);
  });

  it('claims nothing about a district for a teacher who has none', async () => {
    const w = await world();
    session.actor = await createActor();
    const text = textOf(await proposalPage(w.two.slug));
    expect(text).toContain('Your account is not linked to a district, so you do not need a proposal.');
    expect(text).not.toMatch(/Your district|salary steps|PD hours/);
  });
});

describe('the issuer’s contact address in “At a glance”', () => {
  it('is a mailto link naming the issuer, also on the page anonymous visitors share, and absent when the issuer gave none', async () => {
    const w = await world();
    const html = await page(w.two.slug);
    expect(marked(html, 'data-issuer-contact')).toBe('Questions? Email Acme Learning at help@acme.example');
    expect(html).toMatch(/<p[^>]*data-issuer-contact[^>]*>[\s\S]*?<a href="mailto:help@acme.example">help@acme.example<\/a>/);
    await db.organization.update({ where: { id: w.acme.id }, data: { email: null } });
    expect(await page(w.two.slug)).not.toContain('data-issuer-contact');
  });
});
