// Before enrolling, the micro-credential's page tells a teacher whose district requires a proposal
// for it (needsProposal) that one is needed; nobody else sees the line, and the anonymous page,
// cached and shared (ADR 006), never carries it. Against Postgres, through the real page.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textOf } from '../setup/html';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { saveProposal, decideProposal } from '@/lib/proposals/mutations';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: MicroCredentialPage } = await import('@/app/micro-credentials/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const NOTE = 'Your district asks for a short proposal, approved by your district leader, before you send your evidence: you write it after you enrol.';

describe('the proposal a district requires, said before enrolling', () => {
  it('is said to a teacher whose district requires one and has not approved it; not to anyone else', async () => {
    const requiring = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine', data: { requiresProposal: true } });
    const relaxed = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
    const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: requiring.id }] });
    const { mc } = await createPublishedCredential({ def: { title: 'Exit Tickets', level: 2 } });
    const page = async () => textOf(renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug: mc.slug }), searchParams: Promise.resolve({}) })));

    const anonymous = await page();
    expect(anonymous).not.toContain('proposal');

    session.actor = await createActor({ districtId: requiring.id });
    const asked = await page();
    expect(asked).toContain('Enrol in this micro-credential');
    expect(asked).toContain(NOTE);
    // The level speaks to the teacher reading the page.
    expect(asked).toContain('Level 2: demonstrated in your own classroom');

    session.actor = await createActor({ districtId: relaxed.id });
    expect(await page()).not.toContain(NOTE);
    session.actor = await createActor();
    expect(await page()).not.toContain(NOTE);

    // Approved already (written before, say, stopping): nothing left to ask for.
    const teacher = await createActor({ districtId: requiring.id });
    const p = await saveProposal({ actor: teacher, microCredentialId: mc.id, studentGoals: 'My grade 6 readers will explain their evidence.', plan: 'Weekly exit tickets.', submit: true });
    const { version } = await db.proposal.findUniqueOrThrow({ where: { id: p.id }, select: { version: true } });
    await decideProposal({ actor: leader, proposalId: p.id, decision: 'APPROVED', comment: '', version });
    session.actor = teacher;
    expect(await page()).not.toContain(NOTE);

    // And the anonymous page is as it was.
    session.actor = null;
    expect(await page()).toBe(anonymous);
  });
});
