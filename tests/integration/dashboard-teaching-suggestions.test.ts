// The dashboard's "Suggested for what you teach", against Postgres through the real query and page:
// up to four published micro-credentials for the teacher's subjects and grades (the catalogue's
// "Matches what I teach" rule), those made for one of their subjects before those made for all
// subjects, leaving out any they are enrolled in, stopped, or hold a badge of,
// and never a draft or a retired one; a link to all of them in the catalogue. A teacher who has not
// said what they teach is asked to, with a link to the account page.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { hrefOf, textOf } from '../setup/html';
import { createActor, createDraftCredential, createEarnedAward, createPublishedCredential } from '../factories';
import { enrollInMicroCredential, withdrawFromMicroCredential } from '@/lib/enrollment/mutations';
import { retireMicroCredential } from '@/lib/authoring/mutations';
import { listTeachingSuggestions, TEACHING_SUGGESTIONS } from '@/lib/teaching/queries';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: DashboardPage } = await import('@/app/dashboard/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const dashboard = async (as: Actor) => {
  session.actor = as;
  return renderToStaticMarkup(await DashboardPage({ searchParams: Promise.resolve({}) }));
};
/** The section's markup, from its heading to its end. */
const sectionOf = (html: string) => {
  const at = html.indexOf('<section aria-labelledby="for-you-heading">');
  return at === -1 ? null : html.slice(at, html.indexOf('</section>', at));
};
const titles = async (as: Actor) => (await listTeachingSuggestions(as)).items?.map((i) => i.title) ?? null;

const teaches = (u: Actor, subjects: string[], gradeBands: string[]) => db.user.update({ where: { id: u.id }, data: { teachesSubjects: subjects, teachesGradeBands: gradeBands } });
/** Newest first in the catalogue in the order given (publishing in one millisecond could tie). */
const publishedInOrder = async (mcIds: string[]) => {
  for (const [i, refId] of mcIds.entries()) await db.catalogEntry.updateMany({ where: { refId }, data: { publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000) } });
};

describe('suggestions for what the teacher teaches', () => {
  it('are published micro-credentials that match, minus those enrolled in, stopped, earned, drafts and retired ones', async () => {
    const first = await createPublishedCredential({ def: { title: 'Exit Tickets', subjects: ['Science'], gradeBands: ['6-8'] } });
    const { issuer, admin } = first;
    const publish = async (title: string, subjects: string[], gradeBands: string[]) => (await createPublishedCredential({ issuerId: issuer.id, admin, def: { title, subjects, gradeBands } })).mc;
    const enrolled = await publish('Lab Notebooks', ['Science'], ['6-8']);
    const stopped = await publish('Field Journals', ['Science'], ['6-8']);
    const earned = await publish('Claim Evidence Reasoning', ['Science'], ['6-8']);
    const retired = await publish('Science Fairs', ['Science'], ['6-8']);
    const otherGrade = await publish('Titration Labs', ['Science'], ['9-12']);
    const otherSubject = await publish('Fraction Talks', ['Mathematics'], ['6-8']);
    const both = await publish('Modelling With Data', ['Mathematics', 'Science'], ['6-8', '9-12']);
    await createDraftCredential(admin, issuer.id, 'Unpublished Science Draft');
    await db.microCredential.updateMany({ where: { status: 'DRAFT' }, data: { subjects: ['Science'], gradeBands: ['6-8'] } });
    await retireMicroCredential({ actor: admin, microCredentialId: retired.id });
    await publishedInOrder([first.mc.id, enrolled.id, stopped.id, earned.id, otherGrade.id, otherSubject.id, both.id]);
    // A course and a stack that match are the catalogue's to show, not these micro-credential cards.
    for (const kind of ['TRACK', 'STACK'] as const) {
      await db.catalogEntry.create({
        data: {
          kind, refId: `${kind}-1`, slug: `science-${kind.toLowerCase()}`, issuerId: issuer.id, issuerName: issuer.name, title: `Science ${kind}`, summary: 'A whole course.', topic: 'Assessment',
          subjects: ['Science'], gradeBands: ['6-8'], pdHours: 20, stackSlugs: [], publishedAt: new Date(Date.UTC(2027, 0, 1)),
        },
      });
    }

    const teacher = await createActor({ name: 'Maya Teacher' });
    await teaches(teacher, ['Science'], ['6-8']);
    await enrollInMicroCredential({ actor: teacher, microCredentialId: enrolled.id });
    await enrollInMicroCredential({ actor: teacher, microCredentialId: stopped.id });
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: stopped.id });
    await createEarnedAward(teacher, earned, { level: 1, issuedAt: '2026-05-01T09:00:00.000Z' });
    // A colleague's work changes nothing for Maya.
    const colleague = await createActor();
    await enrollInMicroCredential({ actor: colleague, microCredentialId: first.mc.id });

    expect(await titles(teacher)).toEqual(['Modelling With Data', 'Exit Tickets']);
    const listed = (await listTeachingSuggestions(teacher)).items!;
    expect(listed.map((i) => i.id)).toEqual([both.id, first.mc.id]);

    // The colleague, who said nothing, is asked to instead.
    expect(await listTeachingSuggestions(colleague)).toEqual({ teaching: { subjects: [], gradeBands: [] }, items: null });
    // Grade bands alone: any subject in them.
    await teaches(colleague, [], ['9-12']);
    expect(await titles(colleague)).toEqual(['Modelling With Data', 'Titration Labs']);
  });

  it(`shows at most ${TEACHING_SUGGESTIONS}, newest first`, async () => {
    const first = await createPublishedCredential({ def: { title: 'Credential 0', subjects: ['Science'], gradeBands: ['6-8'] } });
    const ids = [first.mc.id];
    for (let i = 1; i < 6; i++) ids.push((await createPublishedCredential({ issuerId: first.issuer.id, admin: first.admin, def: { title: `Credential ${i}`, subjects: ['Science'], gradeBands: ['6-8'] } })).mc.id);
    await publishedInOrder(ids);
    const teacher = await createActor();
    await teaches(teacher, ['Science'], []);
    expect(await titles(teacher)).toEqual(['Credential 5', 'Credential 4', 'Credential 3', 'Credential 2']);
  });

  it('list those made for one of the teacher’s subjects before those made for all subjects, each newest first', async () => {
    const first = await createPublishedCredential({ def: { title: 'Lab Notebooks', subjects: ['Science'], gradeBands: ['6-8'] } });
    const { issuer, admin } = first;
    const publish = async (title: string, subjects: string[], gradeBands: string[]) => (await createPublishedCredential({ issuerId: issuer.id, admin, def: { title, subjects, gradeBands } })).mc;
    const both = await publish('Modelling With Data', ['Mathematics', 'Science'], ['6-8']);
    const exitTickets = await publish('Exit Tickets', ['All subjects'], ['6-8']);
    const thinkAlouds = await publish('Think Alouds', ['All subjects'], ['K-5', '6-8']);
    const waitTime = await publish('Wait Time', ['All subjects'], ['6-8']);
    const seminars = await publish('Senior Seminars', ['All subjects'], ['9-12']);
    const fractions = await publish('Fraction Talks', ['Mathematics'], ['6-8']);
    // Those for all subjects are the newest: newest first alone would put them all ahead.
    await publishedInOrder([first.mc.id, fractions.id, both.id, exitTickets.id, thinkAlouds.id, waitTime.id, seminars.id]);

    const scientist = await createActor({ name: 'Maya Teacher' });
    await teaches(scientist, ['Science'], ['6-8']);
    expect(await titles(scientist)).toEqual(['Modelling With Data', 'Lab Notebooks', 'Wait Time', 'Think Alouds']);
    // Once one for their subject is under way, the next for all subjects takes its place.
    await enrollInMicroCredential({ actor: scientist, microCredentialId: first.mc.id });
    expect(await titles(scientist)).toEqual(['Modelling With Data', 'Wait Time', 'Think Alouds', 'Exit Tickets']);

    // A subject nothing is made for: those for all subjects, in the teacher's grades only.
    const musician = await createActor();
    await teaches(musician, ['Music'], ['6-8']);
    expect(await titles(musician)).toEqual(['Wait Time', 'Think Alouds', 'Exit Tickets']);
    await teaches(musician, ['Music'], ['9-12']);
    expect(await titles(musician)).toEqual(['Senior Seminars']);

    // "All subjects" saved before it stopped being offered does not make those for all subjects
    // count as the teacher's own.
    const longAgo = await createActor();
    await teaches(longAgo, ['All subjects', 'Mathematics'], ['6-8']);
    expect(await titles(longAgo)).toEqual(['Modelling With Data', 'Fraction Talks', 'Wait Time', 'Think Alouds']);

    // Grade bands alone: any subject, so simply newest first.
    const gradesOnly = await createActor();
    await teaches(gradesOnly, [], ['6-8']);
    expect(await titles(gradesOnly)).toEqual(['Wait Time', 'Think Alouds', 'Exit Tickets', 'Modelling With Data']);
  });
});

describe('the dashboard card', () => {
  it('lists the suggestions with links to them and to every match in the catalogue, and to change what the teacher teaches', async () => {
    const { mc } = await createPublishedCredential({ def: { title: 'Exit Tickets', subjects: ['Science'], gradeBands: ['6-8'] } });
    const teacher = await createActor({ name: 'Maya Teacher' });
    await teaches(teacher, ['Science', 'Mathematics'], ['6-8']);
    const section = sectionOf(await dashboard(teacher))!;
    expect(section).toContain('<h2 id="for-you-heading" class="mb-1 text-lg font-semibold">Suggested for what you teach</h2>');
    expect(textOf(section)).toContain('For Science and Mathematics, grades 6-8: micro-credentials you have not started.');
    expect(hrefOf(section, 'Exit Tickets')).toBe(`/micro-credentials/${mc.slug}`);
    expect(hrefOf(section, 'See everything that matches what you teach')).toBe('/catalog?kind=MICRO_CREDENTIAL&forMe=1');
    expect(hrefOf(section, 'Change what I teach')).toBe('/account#teaching');

    // Once enrolled, it is on the dashboard as work under way, and no longer suggested.
    await enrollInMicroCredential({ actor: teacher, microCredentialId: mc.id });
    const after = sectionOf(await dashboard(teacher))!;
    expect(hrefOf(after, 'Exit Tickets')).toBeNull();
    expect(textOf(after)).toContain('No micro-credential that you have not already started or earned matches what you teach right now.');
    expect(hrefOf(after, 'Browse the whole catalogue')).toBe('/catalog');
  });

  it('asks a teacher who has not said what they teach to, with a link to the account page', async () => {
    await createPublishedCredential({ def: { title: 'Exit Tickets' } });
    const teacher = await createActor();
    const section = sectionOf(await dashboard(teacher))!;
    expect(textOf(section)).toContain('Tell us what you teach and we will suggest micro-credentials made for it.');
    expect(hrefOf(section, 'Say what you teach')).toBe('/account#teaching');
    expect(hrefOf(section, 'Exit Tickets')).toBeNull();
  });
});
