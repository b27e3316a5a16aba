// WCAG 2.2 AA on pages as the server sends them (real Postgres, the real pages): what a person needs
// is said where they are working, not only at the top of the page. A claim running out is shown
// below the scoring form too (2.2.1); an assignment's outcome is in the section the page comes back
// to (4.1.3, 2.4.3); a new track or stack is confirmed on arrival; deleting a calibration sample
// asks first (3.3.4); an author's headings and tables fit the page around them (1.3.1, 1.4.10).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createIssuerWithAdmin, createPublishedCredential, publishNewCredential, trackDefinition } from '../factories';
import { makeReviewWorld, submitTextAttempt } from '../factories/review-world';
import { claimReview } from '@/lib/review/mutations';
import { createExemplar, ExemplarInput } from '@/lib/review/exemplars';
import { createIssuerTrack, publishTrack } from '@/lib/authoring/tracks';
import { createIssuerStack, publishStack } from '@/lib/authoring/stacks';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));

const { default: ReviewPage } = await import('@/app/review/[reviewId]/page');
const { default: ReviewQualityPage } = await import('@/app/admin/review-quality/page');
const { default: EditTrackPage } = await import('@/app/admin/tracks/[id]/page');
const { default: EditStackPage } = await import('@/app/admin/stacks/[id]/page');
const { default: CalibrationSamplesPage } = await import('@/app/admin/credentials/[id]/calibration/page');
const { default: TrackPage } = await import('@/app/tracks/[slug]/page');
const { default: StackPage } = await import('@/app/stacks/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

/** The ArrivalNotice wrapper: takes focus on arrival, with a visible outline, and no role of its own. */
const ARRIVAL = '<div tabindex="-1" class="mt-3 focus:outline-2 focus:outline-offset-2 focus:outline-green-700">';
const claimBar = (html: string) => /<section[^>]*data-claim-bar[^>]*>[\s\S]*?<\/section>/.exec(html)?.[0] ?? null;

describe('a reviewer whose claim has run out, scrolled down to the rubric', () => {
  async function claimedAt(minutesAgo: number) {
    const w = await makeReviewWorld({ claimMinutes: 30, calibrationRequired: false });
    const reviewer = await w.reviewer();
    const attemptId = await submitTextAttempt(w, await createActor());
    const { reviewId } = await claimReview({ actor: reviewer, attemptId, now: new Date(Date.now() - minutesAgo * 60_000) });
    session.actor = reviewer;
    return renderToStaticMarkup(await ReviewPage({ params: Promise.resolve({ reviewId }) }));
  }

  it('is told below the scoring form, with a button to keep the claim, and hears it once', async () => {
    const html = await claimedAt(31);
    const bar = claimBar(html);
    expect(bar).not.toBeNull();
    expect(bar).toContain('<strong>Your claim has run out.</strong>');
    expect(bar).toMatch(/<button type="button"[^>]*>Keep my claim for another 30 minutes<\/button>/);
    expect(bar).toContain('sticky bottom-0');
    // After the rubric and its Submit button, not only at the top of the page.
    expect(html.indexOf('Rubric</h2>')).toBeLessThan(html.indexOf(bar!));
    expect(html.lastIndexOf('Submit')).toBeLessThan(html.indexOf(bar!));
    // One polite region says it; the bar is none.
    expect(html.match(/<p class="sr-only" aria-live="polite" aria-atomic="true">Your claim has run out\./g)).toHaveLength(1);
    expect(bar).not.toMatch(/aria-live=|role="(status|alert|log)"/);
  });

  it('sees no bar while the claim has time to run', async () => {
    const html = await claimedAt(1);
    expect(html).toContain('Your claim lasts until');
    expect(claimBar(html)).toBeNull();
  });
});

describe('an issuer admin back on Review quality after assigning a submission', () => {
  async function qualityPage(assigned?: string) {
    const { admin } = await createPublishedCredential();
    session.actor = admin;
    return renderToStaticMarkup(await ReviewQualityPage({ searchParams: Promise.resolve(assigned ? { assigned } : {}) }));
  }
  const assignSection = (html: string) => /<section aria-labelledby="assign"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

  it('finds the outcome in the section the page scrolls to (#assign), as a notice that takes focus', async () => {
    const html = await qualityPage('reassigned');
    const section = assignSection(html);
    expect(section).toContain(`${ARRIVAL}<div role="status" class="rounded-md border px-4 py-3 text-sm border-green-300 bg-green-50 text-green-950"><div>Reassigned. The previous reviewer’s claim was released.</div></div></div>`);
    // Said once, there, and not at the top of the page.
    expect(html.match(/Reassigned\. The previous reviewer/g)).toHaveLength(1);
    expect(assignSection(await qualityPage('assigned'))).toContain('Assigned. The reviewer has been notified.');
  });

  it('sees no notice without an assignment, or for a made-up flag', async () => {
    for (const flag of [undefined, 'yes']) expect(await qualityPage(flag)).not.toMatch(/Assigned\.|Reassigned\./);
  });
});

describe('an issuer admin who has just created a track or a stack', () => {
  it('is told it was saved when the new record’s page opens (?saved=1), in a notice that takes focus', async () => {
    const { issuer, admin } = await createIssuerWithAdmin();
    const a = await publishNewCredential(admin, issuer.id, 'Reading basics');
    const b = await publishNewCredential(admin, issuer.id, 'Reading conferences');
    session.actor = admin;
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('reading', 'Reading', [a.slug, b.slug]) });
    const stack = await createIssuerStack({ actor: admin, issuerId: issuer.id, def: { slug: 'reading-stack', title: 'Reading stack', summary: 'Both.', microCredentials: [a.slug, b.slug] } });

    const trackHtml = (saved?: string) => EditTrackPage({ params: Promise.resolve({ id: track.id }), searchParams: Promise.resolve(saved ? { saved } : {}) }).then(renderToStaticMarkup);
    const stackHtml = (saved?: string) => EditStackPage({ params: Promise.resolve({ id: stack.id }), searchParams: Promise.resolve(saved ? { saved } : {}) }).then(renderToStaticMarkup);
    const notice = (text: string) => new RegExp(`<div tabindex="-1" class="mb-6 focus:outline-2 focus:outline-offset-2 focus:outline-green-700"><div role="status"[^>]*><div>${text}</div></div></div>`);

    expect(await trackHtml('1')).toMatch(notice('Saved\\. It stays a draft until you publish it\\.'));
    expect(await stackHtml('1')).toMatch(notice('Saved\\. It stays a draft until you publish it\\.'));
    // Created with "Save and publish".
    await publishTrack({ actor: admin, trackId: track.id });
    await publishStack({ actor: admin, stackId: stack.id });
    expect(await trackHtml('1')).toMatch(notice('Saved and published\\.'));
    expect(await stackHtml('1')).toMatch(notice('Saved and published\\.'));
    // Opened any other way: nothing to confirm.
    expect(await trackHtml()).not.toContain('Saved');
    expect(await stackHtml()).not.toContain('Saved');
  });
});

describe('an issuer admin deleting a calibration sample', () => {
  it('first opens what will go, and deletes only with “Yes, delete the sample”', async () => {
    const { mc, admin } = await createPublishedCredential();
    const input = ExemplarInput.parse({ microCredentialId: mc.id, versionId: mc.currentVersionId, title: 'Sample C', responses: [{ partTitle: 'Context', text: 'Grade 7 class.' }], expectedRanks: [2, 3, 1] });
    await createExemplar({ actor: admin, input });
    session.actor = admin;
    const html = renderToStaticMarkup(await CalibrationSamplesPage({ params: Promise.resolve({ id: mc.id }) }));
    const disclosure = /<details[\s\S]*?<\/details>/.exec(html)?.[0] ?? '';
    expect(disclosure).toMatch(/<summary[^>]*>Delete…<span class="sr-only"> Sample C<\/span><\/summary>/);
    expect(disclosure).toContain('Delete “Sample C” for good? Its agreed levels and the scores reviewers gave it go too; reviewers already calibrated stay calibrated. This cannot be undone.');
    // The only submit button is inside the disclosure, behind the first click (its form's outcome
    // beside it: said through the page's announcer once the sample's item has gone).
    expect(disclosure).toMatch(/<form[^>]*>[\s\S]*<button type="submit"[^>]*>Yes, delete the sample<\/button>[\s\S]*<\/form>/);
    const outside = html.replace(disclosure, '');
    expect(outside).not.toMatch(/<input type="hidden" name="exemplarId"/);
    // Nothing deleted by rendering, of course; the sample is still listed.
    expect(await db.calibrationExemplar.count()).toBe(1);
  });
});

describe('an author’s headings and tables on a track’s and a stack’s page', () => {
  it('come under the page’s h1 as h2s and below, and a table scrolls in a focusable, named box', async () => {
    const { issuer, admin } = await createIssuerWithAdmin();
    const a = await publishNewCredential(admin, issuer.id, 'Reading basics');
    const b = await publishNewCredential(admin, issuer.id, 'Reading conferences');
    const description = '# Who it is for\n\nGrade 3 to 5 teachers.\n\n## Time\n\n| Level | Hours |\n| --- | --- |\n| 1 | 10 |';
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: { ...trackDefinition('reading', 'Reading', [a.slug, b.slug]), description } });
    await publishTrack({ actor: admin, trackId: track.id });
    const stack = await createIssuerStack({ actor: admin, issuerId: issuer.id, def: { slug: 'reading-stack', title: 'Reading stack', summary: 'Both.', description, microCredentials: [a.slug, b.slug] } });
    await publishStack({ actor: admin, stackId: stack.id });
    session.actor = await createActor();

    for (const html of [renderToStaticMarkup(await TrackPage({ params: Promise.resolve({ slug: 'reading' }), searchParams: Promise.resolve({}) })), renderToStaticMarkup(await StackPage({ params: Promise.resolve({ slug: 'reading-stack' }) }))]) {
      expect(html.match(/<h1[ >]/g)).toHaveLength(1);
      expect(html).toContain('<h2>Who it is for</h2>');
      expect(html).toContain('<h3>Time</h3>');
      expect(html).toContain('<div class="overflow-x-auto" tabindex="0" role="region" aria-label="Table: Level, Hours"><table>');
    }
  });
});
