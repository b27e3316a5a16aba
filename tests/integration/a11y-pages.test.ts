// WCAG 2.2 AA on the issuer's and the district's pages, rendered as the server sends them (real
// Postgres, the real pages): headings that say whose they are under a page's h1 (1.3.1, 2.4.6), a
// field edge that can be seen (1.4.11), links and buttons repeated on each row that name their row
// (2.4.4), an outcome that takes focus on arrival, a target of at least 24 px (2.5.8), page titles
// that name the record and tell sections apart (2.4.2), and an h1 on every page, even for someone
// who administers no issuer.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactElement } from 'react';
import type { Metadata } from 'next';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textJoined } from '../setup/html';
import { createActor, createDraftCredential, createEarnedAward, createOrg, createPublishedCredential, createWaitingAttempt, trackDefinition } from '../factories';
import { db } from '@/lib/db';
import { createIssuerTrack } from '@/lib/authoring/tracks';
import { createIssuerStack } from '@/lib/authoring/stacks';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined }));

const DistrictTeachers = await import('@/app/district/teachers/page');
const AdminCredentials = await import('@/app/admin/credentials/page');
const AdminPeople = await import('@/app/admin/people/page');
const AdminAwards = await import('@/app/admin/awards/page');
const EditTrack = await import('@/app/admin/tracks/[id]/page');
const EditStack = await import('@/app/admin/stacks/[id]/page');
const EditCredential = await import('@/app/admin/credentials/[id]/edit/page');
const PreviewCredential = await import('@/app/admin/credentials/[id]/preview/page');
const SubmissionRecord = await import('@/app/admin/submissions/[id]/page');
const Proposal = await import('@/app/micro-credentials/[slug]/proposal/page');
const NotFound = await import('@/app/not-found');
const AUDIT_PAGES = [await import('@/app/admin/audit/page'), await import('@/app/district/audit/page'), await import('@/app/platform/audit/page')];
const PEOPLE_PAGES = [AdminPeople, await import('@/app/district/people/page')];
type AnyPage = (p: { searchParams: Promise<Record<string, string>> }) => Promise<ReactElement>;
/** The issuer's pages that need an issuer, and their h1. */
const ISSUER_PAGES: [string, AnyPage, string][] = [
  ['admin/credentials/new', (await import('@/app/admin/credentials/new/page')).default, 'New micro-credential'],
  ['admin/credentials/import', (await import('@/app/admin/credentials/import/page')).default, 'Import a micro-credential'],
  ['admin/stacks/new', (await import('@/app/admin/stacks/new/page')).default, 'New stack'],
  ['admin/tracks/new', (await import('@/app/admin/tracks/new/page')).default, 'New track'],
  ['admin/people', AdminPeople.default, 'People'],
  ['admin/people/enrol', (await import('@/app/admin/people/enrol/page')).default, 'Enrol teachers from a CSV file'],
  ['admin/submissions', (await import('@/app/admin/submissions/page')).default, 'Applications'],
  ['admin/awards', AdminAwards.default, 'Badges issued'],
  ['admin/dashboard', (await import('@/app/admin/dashboard/page')).default, 'Uptake and review trends'],
  ['admin/settings', (await import('@/app/admin/settings/page')).default, 'Organisation settings'],
  ['admin/audit', AUDIT_PAGES[0].default, 'Audit log'],
];

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const sp = (v: Record<string, string> = {}) => ({ searchParams: Promise.resolve(v) });
const render = async (page: Promise<ReactElement> | ReactElement) => renderToStaticMarkup(await page);
/** Every heading in the order a screen reader lists them: level and words. */
const headings = (html: string) => [...html.matchAll(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => `h${m[1]} ${textJoined(m[2])}`);
const titleOf = (m: Metadata) => m.title;

describe('the district’s teachers list', () => {
  async function world() {
    const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
    const school = await createOrg({ kind: 'SCHOOL', name: 'Cushing Elementary', parentId: district.id });
    const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const ann = await createActor({ name: 'Ann Avery', districtId: district.id, schoolId: school.id });
    const bo = await createActor({ name: 'Bo Brown', districtId: district.id });
    return { district, school, leader, ann, bo };
  }

  it('has a heading for the list under the h1, and each teacher’s headings name the teacher', async () => {
    const w = await world();
    session.actor = w.leader;
    const html = await render(DistrictTeachers.default(sp()));
    expect(headings(html)).toEqual([
      'h1 Teachers',
      'h2 Teachers in Kettle Moraine',
      'h3 Enrolments of Ann Avery', 'h3 Submissions by Ann Avery', 'h3 Earned by Ann Avery',
      'h3 Enrolments of Bo Brown', 'h3 Submissions by Bo Brown', 'h3 Earned by Bo Brown',
    ]);
    // The list's heading is for screen readers: the page's own header already says it visually.
    expect(html).toContain('<h2 id="teachers-h" class="sr-only">Teachers in Kettle Moraine</h2>');
    expect(html).toContain('<h3 class="text-sm font-semibold">Enrolments<span class="sr-only"> of Ann Avery</span></h3>');
    // Filtered by school or search, the heading says so.
    expect(headings(await render(DistrictTeachers.default(sp({ school: w.school.id })))).slice(0, 2)).toEqual(['h1 Teachers', 'h2 Teachers at Cushing Elementary']);
    expect(headings(await render(DistrictTeachers.default(sp({ q: 'ann' })))).slice(0, 2)).toEqual(['h1 Teachers', 'h2 Teachers matching “ann”']);
  });

  it('gives each teacher’s school drop-down the edge every other field has (slate-500, 4.8:1)', async () => {
    const w = await world();
    session.actor = w.leader;
    const html = await render(DistrictTeachers.default(sp()));
    for (const t of [w.ann, w.bo]) {
      const cls = new RegExp(`<select id="school-${t.id}"[^>]*? class="([^"]*)"`).exec(html)?.[1];
      expect(cls, t.name).toBeDefined();
      expect(cls!.split(' ')).toContain('border-slate-500');
      expect(cls!.split(' ')).not.toContain('border-slate-300');
    }
  });
});

describe('links and buttons repeated on every row', () => {
  it('name the credential on the issuer’s list of micro-credentials', async () => {
    const { admin, mc } = await createPublishedCredential({ def: { title: 'Leadership tools' } });
    session.actor = admin;
    const html = await render(AdminCredentials.default(sp()));
    expect(html).toContain(`<a href="/admin/credentials/${mc.id}/edit">Edit<span class="sr-only"> Leadership tools</span></a>`);
    expect(html).toContain(`<a href="/admin/credentials/${mc.id}/export">Export<span class="sr-only"> Leadership tools</span></a>`);
  });

  it('name the person on the issuer’s People page', async () => {
    const { issuer, admin } = await createPublishedCredential({ def: { title: 'Leadership tools' } });
    await createActor({ name: 'Rita Reviewer', roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
    session.actor = admin;
    const html = await render(AdminPeople.default(sp()));
    expect(html).toContain('Add role<span class="sr-only"> for Rita Reviewer</span></button>');
    expect(html).toContain('Qualify<span class="sr-only"> Rita Reviewer</span></button>');
    expect(html).not.toMatch(/>(Add role|Qualify)<\/button>/);
  });
});

describe('the outcome of deleting a draft', () => {
  it('takes focus on arrival at the list, read out once by the alert inside', async () => {
    const { admin } = await createPublishedCredential();
    session.actor = admin;
    const html = await render(AdminCredentials.default(sp({ deleted: '1' })));
    expect(html).toMatch(/<div tabindex="-1" class="mb-4 [^"]*"><div role="status"[^>]*>(<p[^>]*>[^<]*<\/p>)?<div>The draft was deleted\.<\/div><\/div><\/div>/);
  });
});

describe('the link to a badge’s evidence and reviews', () => {
  it('is at least 24 px tall, on its own line under the badge’s title', async () => {
    const { issuer, admin, mc } = await createPublishedCredential({ def: { title: 'Leadership tools' } });
    const ann = await createActor({ name: 'Ann Avery' });
    const award = await createEarnedAward(ann, { id: mc.id, issuerId: issuer.id, currentVersionId: mc.currentVersionId }, { title: 'Leadership tools', level: null, issuedAt: '2026-03-01' });
    session.actor = admin;
    const html = await render(AdminAwards.default(sp()));
    const cls = new RegExp(`<a class="([^"]*)" href="/admin/submissions/${award.submissionId}">Evidence and reviews`).exec(html)?.[1];
    expect(cls).toBeDefined();
    // min-h-6 is 24 px; the padding centres the 16 px line in it.
    expect(cls!.split(' ')).toEqual(expect.arrayContaining(['block', 'min-h-6', 'py-1']));
  });
});

describe('page titles', () => {
  async function authoringWorld() {
    const { issuer, admin, mc } = await createPublishedCredential({ def: { title: 'Leadership tools' } });
    const { mc: other } = await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Feedback that works' } });
    const { admin: stranger } = await createPublishedCredential();
    return { issuer, admin, mc, other, stranger };
  }

  it('name the track, stack, credential or preview being edited, for whoever may edit it', async () => {
    const { issuer, admin, mc, other, stranger } = await authoringWorld();
    const draft = await createDraftCredential(admin, issuer.id, 'Questioning in maths');
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('leadership-track', 'Leadership for teachers', [mc.slug]) });
    const stack = await createIssuerStack({ actor: admin, issuerId: issuer.id, def: { slug: 'classroom-stack', title: 'Classroom essentials', summary: 'Two together.', microCredentials: [mc.slug, other.slug] } });
    const params = (id: string) => ({ params: Promise.resolve({ id }) });

    session.actor = admin;
    expect(titleOf(await EditTrack.generateMetadata(params(track.id)))).toBe('Edit track: Leadership for teachers');
    expect(titleOf(await EditStack.generateMetadata(params(stack.id)))).toBe('Edit stack: Classroom essentials');
    expect(titleOf(await EditCredential.generateMetadata(params(draft.id)))).toBe('Edit micro-credential: Questioning in maths');
    expect(titleOf(await PreviewCredential.generateMetadata(params(draft.id)))).toBe('Preview: Questioning in maths');
    // A preview is never indexed.
    expect((await PreviewCredential.generateMetadata(params(draft.id))).robots).toEqual({ index: false });

    // Another issuer's admin, or nobody signed in, learns nothing from the title; nor from a wrong id.
    for (const actor of [stranger, null]) {
      session.actor = actor;
      expect(titleOf(await EditTrack.generateMetadata(params(track.id)))).toBe('Edit track');
      expect(titleOf(await EditStack.generateMetadata(params(stack.id)))).toBe('Edit stack');
      expect(titleOf(await EditCredential.generateMetadata(params(draft.id)))).toBe('Edit micro-credential');
      expect(titleOf(await PreviewCredential.generateMetadata(params(draft.id)))).toBe('Preview');
    }
    session.actor = admin;
    expect(titleOf(await EditTrack.generateMetadata(params('cnotatrack00000000000000000')))).toBe('Edit track');
  });

  it('name the application on its record, as its heading does, and the credential on a district proposal', async () => {
    const { admin, mc, stranger } = await authoringWorld();
    const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
    const ann = await createActor({ name: 'Ann Avery', districtId: district.id });
    const attemptId = await createWaitingAttempt(ann, mc.id);
    const { submissionId } = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { submissionId: true } });
    const params = { params: Promise.resolve({ id: submissionId }) };

    session.actor = admin;
    expect(titleOf(await SubmissionRecord.generateMetadata(params))).toBe('Application record: Ann Avery, Leadership tools');
    const page = await render(SubmissionRecord.default(params));
    expect(headings(page)[0]).toBe('h1 Ann Avery: Leadership tools');
    session.actor = stranger;
    expect(titleOf(await SubmissionRecord.generateMetadata(params))).toBe('Application record');

    session.actor = ann;
    expect(titleOf(await Proposal.generateMetadata({ params: Promise.resolve({ slug: mc.slug }) }))).toBe('District proposal: Leadership tools');
    expect(titleOf(await Proposal.generateMetadata({ params: Promise.resolve({ slug: 'no-such-credential' }) }))).toBe('District proposal');
  });

  it('tell the three audit logs and the two People pages apart, and name the page not found', async () => {
    expect(AUDIT_PAGES.map((p) => p.metadata.title)).toEqual(['Audit log: issuer administration', 'Audit log: district', 'Audit log: platform']);
    expect(PEOPLE_PAGES.map((p) => p.metadata.title)).toEqual(['People: issuer administration', 'People: district']);
    expect((NotFound as { metadata?: Metadata }).metadata?.title).toBe('Page not found');
  });
});

describe('the issuer’s pages for someone who administers no issuer', () => {
  it('still start with the page’s h1, then say why there is nothing to show', async () => {
    // A platform administrator passes the role check on every issuer page; with no issuer yet, each says so.
    const platform = await createOrg({ kind: 'PLATFORM' });
    session.actor = await createActor({ roles: [{ role: 'PLATFORM_ADMIN', organizationId: platform.id }] });
    for (const [path, Page, title] of ISSUER_PAGES) {
      const html = await render(Page(sp()));
      expect(headings(html), path).toEqual([`h1 ${title}`, 'h2 You do not administer an issuing organisation']);
      expect(textJoined(html), path).toContain('Ask a platform administrator to add you to one.');
    }
  });
});
