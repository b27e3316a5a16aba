// What a reviewer meets after "Check my scores" on the calibration page (components/review/
// calibration-form.tsx): focus moves to the outcome, which shows where focus is (WCAG 2.4.7: the
// ArrivalNotice's outline, not `outline-none`) and is read once, through the focus move, with no
// role of its own to read it again (ADR 021). Each error links to the rating to choose and puts
// focus on its first level, not only the scroll position (focusOnFollow). No DOM library: the form
// runs with its React hooks stood in for, showing a given result.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ActionResult } from '@/lib/action-result';
import type { CalibrationOutcome } from '@/lib/review/calibration';
import { liveRegionsAround } from '../setup/live-regions';

// The one state that starts as null is the form's result: it is given here as if a check had returned.
const shown: { result: { n: number; value: ActionResult<CalibrationOutcome> } | null } = { result: null };
vi.mock('react', async (original) => {
  const stand = (await import('../setup/browser-stand-ins')).hooksOutsideRenderer(await original());
  return { ...stand, useState: <T,>(init: T | (() => T)) => [init === null ? shown.result : typeof init === 'function' ? (init as () => T)() : init, () => undefined] };
});
vi.mock('@/app/review/calibration/[microCredentialId]/actions', () => ({ submitCalibrationAction: async () => undefined }));

const { CalibrationForm, calibrationFocusId } = await import('@/components/review/calibration-form');

afterEach(() => {
  shown.result = null;
  vi.unstubAllGlobals();
});

const levels = [
  { id: 'l1', rank: 1, label: 'Beginning' },
  { id: 'l2', rank: 2, label: 'Developing' },
];
const props = {
  reviewerId: 'u1',
  microCredentialId: 'mc1',
  versionId: 'v1',
  criteria: [{ index: 0, id: 'c1', title: 'Clear goal', descriptors: [] }],
  levels,
  exemplars: [{ id: 'ex1', title: 'Sample A', responses: [{ partTitle: 'Context', text: 'Grade 7.' }] }],
};
const ARRIVAL = '<div tabindex="-1" class="mb-6 focus:outline-2 focus:outline-offset-2 focus:outline-green-700">';
const failed: ActionResult<CalibrationOutcome> = { ok: false, formError: 'Score every criterion of every sample first.', fieldErrors: { 'ranks.ex1.0': ['Choose a level for “Clear goal” in Sample A.'] } };
const notYet: ActionResult<CalibrationOutcome> = {
  ok: true,
  data: { passed: false, agreement: 0.5, matches: 1, total: 2, exemplars: [{ id: 'ex1', title: 'Sample A', agreement: 0.5, differences: [{ criterionIndex: 0, criterionTitle: 'Clear goal', expected: null, given: 'Beginning' }] }] },
};

const render = (value: ActionResult<CalibrationOutcome>) => {
  shown.result = { n: 1, value };
  return renderToStaticMarkup(createElement(CalibrationForm, props));
};

describe('the outcome of a check', () => {
  it('takes focus in a box whose focus can be seen, with no role of its own', () => {
    const html = render(notYet);
    expect(html).toContain(`${ARRIVAL}<div class="rounded-lg border p-4 border-amber-300 bg-amber-50"><h2 class="text-lg font-semibold">Not calibrated yet: 50% exact agreement`);
    expect(html).not.toContain('outline-none');
    expect(liveRegionsAround(html, 'Not calibrated yet')).toEqual([]);
  });

  it('says why nothing was checked the same way, not as an alert on top of the focus move', () => {
    const html = render(failed);
    expect(html).toContain(`${ARRIVAL}<div class="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-950"><p class="font-semibold">Score every criterion of every sample first.</p>`);
    expect(liveRegionsAround(html, 'Score every criterion of every sample first.')).toEqual([]);
  });

  it('is not there before a check', () => {
    shown.result = null;
    expect(renderToStaticMarkup(createElement(CalibrationForm, props))).not.toContain(ARRIVAL);
  });
});

/** The elements `node` renders, with the components in it run (their hooks are stood in for). */
function* elements(node: ReactNode): Generator<ReactElement<Record<string, unknown>>> {
  if (Array.isArray(node)) for (const n of node) yield* elements(n);
  else if (isValidElement<Record<string, unknown>>(node)) {
    if (typeof node.type === 'function') yield* elements((node.type as (p: unknown) => ReactNode)(node.props));
    else {
      yield node;
      yield* elements(node.props.children as ReactNode);
    }
  }
}

describe('an error’s link to the rating still to choose', () => {
  it('puts focus on that rating’s first level (a fieldset cannot take it), and scrolls it into view', () => {
    shown.result = { n: 1, value: failed };
    const link = [...elements(CalibrationForm(props))].find((e) => e.type === 'a' && e.props.href === '#ranks-ex1-0');
    expect(link).toBeDefined();
    const radio = { focus: vi.fn(), scrollIntoView: vi.fn() };
    vi.stubGlobal('document', { getElementById: (id: string) => (id === 'ranks-ex1-0-1' ? radio : null) });
    const preventDefault = vi.fn();
    (link!.props.onClick as (e: unknown) => void)({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    expect(radio.focus).toHaveBeenCalledWith({ preventScroll: true });
    expect(radio.scrollIntoView).toHaveBeenCalled();
  });

  it('goes to the level already chosen there, if one is', () => {
    expect(calibrationFocusId('ranks.ex1.0', { ex1: { '0': 2 } }, levels)).toBe('ranks-ex1-0-2');
    expect(calibrationFocusId('ranks.ex1.0', {}, levels)).toBe('ranks-ex1-0-1');
    expect(calibrationFocusId('versionId', {}, levels)).toBeNull();
  });
});
