// ActionAlerts (components/ui/action-alerts.tsx), the outcome of every form action: after a failed
// submit with field errors it takes focus to the first field to correct, and otherwise leaves focus be.
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { ActionAlerts, focusAfterFailure, shouldFocusErrors } from '@/components/ui/action-alerts';
import { Alert } from '@/components/ui/card';
import { liveRegionsAround, nestedLiveRegions } from '../setup/live-regions';

const failed = (): ActionResult => ({ ok: false, formError: 'Some fields need attention.', fieldErrors: { email: ['Enter an email address.'] } });

describe('when a result takes focus to the errors', () => {
  it('takes it after a new failed result with field errors', () => {
    expect(shouldFocusErrors(initialActionState, failed(), false)).toBe(true);
    // The same mistake submitted twice: two results, focus goes back both times.
    const first = failed();
    expect(shouldFocusErrors(first, failed(), false)).toBe(true);
  });

  it('does not take it on a re-render of the same result (typing in a field after the failure)', () => {
    const r = failed();
    expect(shouldFocusErrors(r, r, true)).toBe(false);
  });

  it('does not take it on the first render of a page loaded with errors, unless focus is already in the form', () => {
    expect(shouldFocusErrors(undefined, failed(), false)).toBe(false);
    // Alerts that a form mounts only once it has failed: the person just submitted from inside it.
    expect(shouldFocusErrors(undefined, failed(), true)).toBe(true);
  });

  it('does not take it on success, or for a form-level error alone (read out by the live region)', () => {
    expect(shouldFocusErrors(failed(), { ok: true, message: 'Saved.' }, true)).toBe(false);
    expect(shouldFocusErrors(initialActionState, { ok: false, formError: 'Wrong email or password.' }, true)).toBe(false);
    expect(shouldFocusErrors(initialActionState, { ok: false, formError: 'x', fieldErrors: { email: [] } }, true)).toBe(false);
  });
});

function fakeAlerts(opts: { invalid: { focus: () => void } | null; inForm?: boolean; children?: boolean }) {
  const form = { querySelector: (selector: string) => (selector === '[aria-invalid="true"]' ? opts.invalid : null) };
  return { closest: (selector: string) => (selector === 'form' && opts.inForm !== false ? form : null), hasChildNodes: () => opts.children ?? true, focus: vi.fn() } as unknown as HTMLElement;
}

describe('where focus goes after a failed submit', () => {
  it('goes to the first field marked invalid in the alerts’ own form', () => {
    const field = { focus: vi.fn() };
    expect(focusAfterFailure(fakeAlerts({ invalid: field }))).toBe(field);
  });

  it('goes to the alerts themselves when no field is marked invalid (an error about the file as a whole)', () => {
    const alerts = fakeAlerts({ invalid: null });
    expect(focusAfterFailure(alerts)).toBe(alerts);
    const outside = fakeAlerts({ invalid: { focus: vi.fn() }, inForm: false });
    expect(focusAfterFailure(outside)).toBe(outside);
  });

  it('goes nowhere when the alerts have nothing to read', () => {
    expect(focusAfterFailure(fakeAlerts({ invalid: null, children: false }))).toBeNull();
  });
});

describe('the alerts’ container', () => {
  it('has its live regions on the page before there is anything to say, and they can take focus from script only', () => {
    const html = renderToStaticMarkup(createElement(ActionAlerts, { state: initialActionState }));
    expect(html).toBe('<div><div tabindex="-1" role="status" aria-live="polite"></div><div tabindex="-1" role="alert"></div></div>');
  });

  it('shows what else a form has to say in the same alert, and only with a message', () => {
    const extra = createElement('a', { href: '/x' }, 'Open it');
    expect(renderToStaticMarkup(createElement(ActionAlerts, { state: { ok: true, message: 'Imported as a draft.' } }, extra))).toMatch(/role="status"[^>]*>.*Imported as a draft\..*<a href="\/x">Open it<\/a>/);
    expect(renderToStaticMarkup(createElement(ActionAlerts, { state: initialActionState }, extra))).not.toContain('Open it');
  });
});

describe('a message said once', () => {
  const render = (state: ActionResult) => renderToStaticMarkup(createElement(ActionAlerts, { state, className: 'mb-4' }));

  it('says a success in the polite region alone, with no live region of its own', () => {
    const html = render({ ok: true, message: 'Your profile is saved.' });
    expect(liveRegionsAround(html, 'Your profile is saved.')).toEqual(['<div tabindex="-1" role="status" aria-live="polite">']);
    expect(nestedLiveRegions(html)).toEqual([]);
    // Still the success box, with its margin while there is something to say.
    expect(html).toMatch(/^<div class="mb-4"><div tabindex="-1" role="status" aria-live="polite"><div class="rounded-md border [^"]*border-green-300[^"]*"><div>Your profile is saved\.<\/div><\/div><\/div><div tabindex="-1" role="alert"><\/div><\/div>$/);
  });

  it('says an error in the assertive region alone (an alert, as before), with no live region of its own', () => {
    const html = render({ ok: false, formError: 'Wrong email or password.' });
    expect(liveRegionsAround(html, 'Wrong email or password.')).toEqual(['<div tabindex="-1" role="alert">']);
    expect(nestedLiveRegions(html)).toEqual([]);
    expect(html).toMatch(/<div tabindex="-1" role="status" aria-live="polite"><\/div><div tabindex="-1" role="alert"><div class="rounded-md border [^"]*border-red-300[^"]*"><div>Wrong email or password\.<\/div>/);
  });

  // Alert has no hooks: called as a function, as React would.
  it('keeps the Alert’s own role where it stands alone, and its title and look inside a live region', () => {
    const alone = renderToStaticMarkup(Alert({ tone: 'danger', title: 'Not sent', children: 'Try again.' }));
    expect(alone).toMatch(/^<div role="alert" class="rounded-md border [^"]*border-red-300/);
    expect(renderToStaticMarkup(Alert({ tone: 'success', children: 'Saved.' }))).toMatch(/^<div role="status" /);
    const inside = renderToStaticMarkup(Alert({ tone: 'danger', title: 'Not sent', live: false, children: 'Try again.' }));
    expect(inside).toBe(alone.replace('role="alert" ', ''));
    expect(inside).toContain('<p class="font-semibold">Not sent</p>');
  });
});
