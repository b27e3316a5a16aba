// An error is said at the control that has focus when the person gets to it (WCAG 1.3.1, 3.3.1,
// 4.1.2): a level left out of a review or a calibration check at each radio of its group (the error
// summary's link focuses one of them; the group, not a radio, is what can be marked invalid), a
// refused certificate at its file input. And once "Score it again" has worked and its form is gone,
// focus goes to the sample's heading and the outcome is read out (WCAG 2.4.3, 4.1.3). Rendered as the
// server sends it, the forms' React state given by hand; no DOM library.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ActionResult } from '@/lib/action-result';
import type { Effect } from '../setup/browser-stand-ins';

// Each useState answers its first value, unless `given.pick` answers for it (by its first value and
// its place among the component's useState calls): how a test sets a result "after" a submit.
// Each useActionState answers its initial state, unless `given.actions` has one at its place.
const given = vi.hoisted(
  () =>
    ({ pick: null, calls: 0, effects: [], actions: [], actionCalls: 0 }) as {
      pick: ((init: unknown, index: number) => { value: unknown } | undefined) | null;
      calls: number;
      effects: Effect[];
      actions: unknown[];
      actionCalls: number;
    },
);
vi.mock('react', async (original) => {
  const actual = await original<typeof import('react')>();
  const stand = (await import('../setup/browser-stand-ins')).hooksOutsideRenderer(actual, given.effects);
  return {
    ...stand,
    useState: <T,>(init: T | (() => T)) => {
      const first = typeof init === 'function' ? (init as () => T)() : init;
      const picked = given.pick?.(first, given.calls++);
      return [picked ? picked.value : first, () => undefined];
    },
    useActionState: (_action: unknown, initial: unknown) => [given.actions[given.actionCalls++] ?? initial, () => undefined, false],
  };
});
vi.mock('@/components/ui/announcer', () => ({ ANNOUNCER_ID: 'page-announcer', announce: vi.fn() }));
// Server actions are not called while rendering.
vi.mock('@/app/review/[reviewId]/actions', () => ({ saveReviewDraftAction: vi.fn(), submitReviewAction: vi.fn(), keepClaimAction: vi.fn() }));
vi.mock('@/app/review/calibration/[microCredentialId]/actions', () => ({ submitCalibrationAction: vi.fn() }));
vi.mock('@/app/admin/credentials/[id]/calibration/actions', () => ({ createExemplarAction: vi.fn(), rescoreExemplarAction: vi.fn() }));
vi.mock('@/app/admin/credentials/actions', () => ({
  importCredentialAction: vi.fn(), publishCredentialAction: vi.fn(), republishCredentialAction: vi.fn(), retireCredentialAction: vi.fn(), saveCredentialAction: vi.fn(),
  confirmBadgeUploadAction: vi.fn(), requestBadgeUploadAction: vi.fn(),
}));
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => undefined, replace: () => undefined, push: () => undefined }), usePathname: () => '/' }));

const { ScoringForm } = await import('@/components/review/scoring-form');
const { CalibrationForm } = await import('@/components/review/calibration-form');
const { CertificateUpload } = await import('@/components/external-learning/certificate-upload');
const { RescoreExemplarForm } = await import('@/app/admin/credentials/[id]/calibration/exemplar-form');
const { DistrictCard } = await import('@/components/account/district-card');
const { CredentialEditor } = await import('@/components/admin/credential-editor');
const { emptyForm } = await import('@/components/admin/credential-form-state');
const { announce } = await import('@/components/ui/announcer');
const { liveRegionsAround } = await import('../setup/live-regions');

afterEach(() => {
  given.pick = null;
  given.calls = 0;
  given.effects.length = 0;
  given.actions = [];
  given.actionCalls = 0;
  vi.mocked(announce).mockClear();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const render = (element: ReactElement, pick: NonNullable<typeof given.pick>) => {
  given.pick = pick;
  given.calls = 0;
  given.actionCalls = 0;
  return renderToStaticMarkup(element);
};
const tag = (html: string, pattern: RegExp) => html.match(pattern) ?? [];

describe('a review sent with a criterion left without a level', () => {
  const levels = [{ id: 'l1', rank: 1, label: 'Developing' }, { id: 'l2', rank: 2, label: 'Demonstrated' }];
  const criteria = [
    { id: 'c1', title: 'Plans the cycle', description: '', part: { number: 2, title: 'Student work' }, descriptors: [] },
    { id: 'c2', title: 'Reflects', description: '', part: null, descriptors: [] },
  ];
  const refused = { ok: false, formError: 'Some fields need attention.', fieldErrors: { 'level.c1': ['Choose a level for “Plans the cycle”.'] } };
  const form = (result: unknown) => {
    // The form's result is its first state that starts empty (null).
    let taken = false;
    return render(
      createElement(ScoringForm, { reviewId: 'r1', reviewerId: 'u1', attemptId: 'a1', kind: 'PRIMARY', version: 1, attemptVersion: 1, criteria, levels, rule: { kind: 'ALL_AT_LEAST', levelRank: 2 }, initial: { scores: { c2: { levelId: 'l2', feedback: '' } }, overallComment: '' } }),
      (init) => {
        if (init !== null || taken) return undefined;
        taken = true;
        return { value: result };
      },
    );
  };

  it('says the error at each radio of that criterion, the one the summary’s link focuses included, and marks its group invalid', () => {
    const html = form(refused);
    expect(html).toMatch(/<p id="level-c1-error"[^>]*>Choose a level for “Plans the cycle”\.<\/p>/);
    const radios = tag(html, /<input type="radio"[^>]*name="level-c1"[^>]*>/g);
    expect(radios).toHaveLength(2);
    for (const radio of radios) expect(radio).toContain('aria-describedby="level-c1-error"');
    // The summary's link goes to the first level (nothing chosen there yet).
    expect(radios[0]).toContain('id="score-c1-l1"');
    expect(html).toMatch(/<fieldset id="level-c1" role="radiogroup" aria-labelledby="level-c1-legend" aria-invalid="true"[^>]*aria-describedby="part-c1">/);
    expect(html).toMatch(/<legend id="level-c1-legend"[^>]*>1\. Plans the cycle<\/legend>/);
    // Said once: at the radio, not at its group as well.
    expect(tag(html, /aria-describedby="[^"]*level-c1-error/g)).toHaveLength(2);
  });

  it('leaves a criterion that has its level, and a form with no error, unmarked', () => {
    const html = form(refused);
    for (const radio of tag(html, /<input type="radio"[^>]*name="level-c2"[^>]*>/g)) expect(radio).not.toContain('aria-describedby');
    expect(html).toMatch(/<fieldset id="level-c2" role="radiogroup" aria-labelledby="level-c2-legend" class=/);
    const fresh = form(null);
    expect(fresh).not.toContain('aria-invalid');
    expect(fresh).not.toContain('level-c1-error');
  });
});

describe('a calibration check sent with a rating left out', () => {
  const props = {
    reviewerId: 'u1',
    microCredentialId: 'mc1',
    versionId: 'v1',
    criteria: [{ index: 0, id: 'c1', title: 'Clear goal', descriptors: [] }, { index: 1, id: 'c2', title: 'Feedback', descriptors: [] }],
    levels: [{ id: 'l1', rank: 1, label: 'Beginning' }, { id: 'l2', rank: 2, label: 'Developing' }],
    exemplars: [{ id: 'ex1', title: 'Sample A', responses: [{ partTitle: 'Context', text: 'Grade 7.' }] }],
  };
  const failed: ActionResult = { ok: false, formError: 'Score every criterion of every sample first.', fieldErrors: { 'ranks.ex1.0': ['Choose a level for “Clear goal” in Sample A.'] } };
  const check = (result: ActionResult | null) => render(createElement(CalibrationForm, props), (init) => (init === null ? { value: result && { n: 1, value: result } } : undefined));

  it('says the error at each radio of that rating (its link focuses one) and marks its group invalid', () => {
    const html = check(failed);
    const radios = tag(html, /<input type="radio"[^>]*name="ranks-ex1-0"[^>]*>/g);
    expect(radios).toHaveLength(2);
    for (const radio of radios) expect(radio).toContain('aria-describedby="ranks-ex1-0-error"');
    expect(radios[0]).toContain('id="ranks-ex1-0-1"');
    expect(html).toMatch(/<fieldset id="ranks-ex1-0" role="radiogroup" aria-labelledby="ranks-ex1-0-legend" aria-invalid="true"/);
    expect(html).toMatch(/<p id="ranks-ex1-0-error"[^>]*>Choose a level for “Clear goal” in Sample A\.<\/p>/);
    expect(tag(html, /aria-describedby="ranks-ex1-0-error"/g)).toHaveLength(2);
  });

  it('leaves the ratings already chosen, and a page not yet checked, unmarked', () => {
    for (const radio of tag(check(failed), /<input type="radio"[^>]*name="ranks-ex1-1"[^>]*>/g)) expect(radio).not.toContain('aria-describedby');
    const fresh = check(null);
    expect(fresh).not.toContain('aria-invalid');
    expect(fresh).not.toContain('-error');
  });
});

describe('a certificate that was not attached', () => {
  const props = { learningId: 'l1', entryTitle: 'First aid', hasCertificate: false, request: vi.fn(), complete: vi.fn(), cancel: vi.fn() };
  // CertificateUpload's states, in order: phase, percent, message, retryable, file name, where focus goes.
  const upload = (phase: string, message: string, retryable: boolean) =>
    render(createElement(CertificateUpload, props), (_init, i) => (i === 0 ? { value: phase } : i === 2 ? { value: message } : i === 3 ? { value: retryable } : undefined));
  const input = (html: string) => tag(html, /<input[^>]*type="file"[^>]*>/)[0];
  const statusId = (html: string) => /<p id="([^"]+)" role="status"/.exec(html)?.[1];

  it('refused (its type, size or content): the reason describes the file input, marked invalid', () => {
    const html = upload('failed', '“notes.exe” is not a PDF or an image.', false);
    const id = statusId(html);
    expect(id).toBeTruthy();
    expect(html).toContain(`<p id="${id}" role="status" aria-live="polite" class="mt-1 text-sm text-red-800">“notes.exe” is not a PDF or an image.</p>`);
    expect(input(html)).toContain(`aria-describedby="${id}"`);
    expect(input(html)).toContain('aria-invalid="true"');
  });

  it('stopped by the connection: the reason describes the input, which is not marked invalid (Retry answers it)', () => {
    const html = upload('failed', 'The connection dropped while “cert.pdf” was uploading. Check your connection, then Retry.', true);
    expect(input(html)).toContain(`aria-describedby="${statusId(html)}"`);
    expect(input(html)).not.toContain('aria-invalid');
  });

  it('otherwise leaves the input as it is', () => {
    for (const phase of ['idle', 'done']) {
      const html = upload(phase, phase === 'done' ? 'Attached: “cert.pdf”.' : '', false);
      expect(input(html)).not.toContain('aria-describedby');
      expect(input(html)).not.toContain('aria-invalid');
    }
  });
});

describe('“Save agreed levels” for a sample scored on an earlier rubric', () => {
  const props = {
    microCredentialId: 'mc1',
    versionId: 'v2',
    exemplar: { id: 'e1', title: 'Sample A' },
    criteria: [{ id: 'c1', title: 'Questioning' }],
    levels: [{ rank: 0, label: 'Not yet' }, { rank: 1, label: 'Met' }],
    headingId: 'sample-e1',
  };

  /** The form mounted (its effects run), then `submit`ted or not, then gone from the page `after` ms later. */
  function mountAndRemove({ submit, after }: { submit: boolean; after: number }) {
    const heading = { focus: vi.fn() };
    vi.stubGlobal('document', { getElementById: (id: string) => (id === 'sample-e1' ? heading : null) });
    vi.stubGlobal('requestAnimationFrame', (run: () => void) => {
      run();
      return 1;
    });
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    given.calls = 0;
    given.effects.length = 0;
    const form = RescoreExemplarForm(props) as ReactElement<{ onSubmit: (e: unknown) => void }>;
    expect(form.type).toBe('form');
    const cleanups = given.effects.map((effect) => effect()).filter((c): c is () => void => typeof c === 'function');
    if (submit) form.props.onSubmit({ preventDefault() {}, currentTarget: undefined, nativeEvent: {} });
    now += after;
    for (const cleanup of cleanups) cleanup();
    return heading;
  }

  it('once saved, its form goes: focus goes to the sample’s heading, and the outcome is read out', () => {
    const heading = mountAndRemove({ submit: true, after: 800 });
    expect(heading.focus).toHaveBeenCalledTimes(1);
    expect(announce).toHaveBeenCalledWith('“Sample A” is scored on the current rubric. Reviewers who have not calibrated yet will score it.');
  });

  it('gone without a save (the admin left the page), it moves nothing and says nothing', () => {
    expect(mountAndRemove({ submit: false, after: 800 }).focus).not.toHaveBeenCalled();
    expect(mountAndRemove({ submit: true, after: 60_000 }).focus).not.toHaveBeenCalled();
    expect(announce).not.toHaveBeenCalled();
  });
});

describe('the account page’s district card', () => {
  const props = { districtName: null, schoolName: null, request: null, districts: [{ id: 'd1', name: 'Kettle Moraine' }], requestAction: vi.fn(), cancelAction: vi.fn(), leaveAction: vi.fn() };
  // The card's form states, in order: asking to join, withdrawing the request, leaving.
  const card = (cancelled: ActionResult, left: ActionResult) => {
    given.actions = [undefined, cancelled, left];
    return render(createElement(DistrictCard, props), () => undefined);
  };
  const takesFocus = (text: string) => new RegExp(`<div tabindex="-1" role="status" aria-live="polite" class="mt-3 focus:outline-2[^"]*"><div class="rounded-md[^"]*"><div>${text}</div></div></div>`);

  it('says a withdrawn request, and leaving, where it stays once the form has gone, in a box that takes focus, read out once', () => {
    const withdrawn = card({ ok: true, message: 'Request withdrawn.' }, { ok: true });
    expect(withdrawn).toMatch(takesFocus('Request withdrawn\\.'));
    expect(liveRegionsAround(withdrawn, 'Request withdrawn.')).toHaveLength(1);
    expect(withdrawn).not.toContain('Withdraw the request');
    const left = card({ ok: true }, { ok: true, message: 'You left the district.' });
    expect(left).toMatch(takesFocus('You left the district\\.'));
    expect(liveRegionsAround(left, 'You left the district.')).toHaveLength(1);
  });

  it('says a refusal as an alert beside the form, not in the box that takes focus', () => {
    const html = card({ ok: false, formError: 'Something went wrong on our side. Your input is kept; please try again.' }, { ok: true });
    expect(liveRegionsAround(html, 'Something went wrong on our side.')).toEqual(['<div tabindex="-1" role="alert">']);
  });
});

describe('“+ Add a level” in the credential editor', () => {
  const props = { issuers: [{ id: 'i1', name: 'Issuer' }], issuerId: 'i1', initial: emptyForm(), badgeImageKey: null, badgePreviewUrl: null, versionLabel: 'New', status: null, latestIsDraft: false, savedAt: null };

  /** The elements of `node`, down through every element's children (components are not run). */
  function* elements(node: unknown): Generator<ReactElement<Record<string, unknown>>> {
    if (Array.isArray(node)) for (const n of node) yield* elements(n);
    else if (node && typeof node === 'object' && 'props' in node) {
      const element = node as ReactElement<Record<string, unknown>>;
      yield element;
      yield* elements(element.props.children);
    }
  }

  it('puts focus on the new level’s name, as the other Add buttons do', () => {
    const named = { focus: vi.fn(), getClientRects: () => [{}] };
    vi.stubGlobal('HTMLButtonElement', class {});
    vi.stubGlobal('window', { setTimeout: (run: () => void) => run() });
    vi.stubGlobal('document', { getElementById: (id: string) => (id === 'rubric.levels.4' ? named : null) });
    given.calls = 0;
    const button = [...elements(CredentialEditor(props))].find((e) => e.props.id === 'add-level');
    expect(button?.props.disabled).toBe(false);
    (button!.props.onClick as () => void)();
    expect(named.focus).toHaveBeenCalledTimes(1);
  });
});
