// The /verify form (app/verify/verify-form.tsx) for keyboard and screen-reader users: Verify can
// always be reached and pressed, and a problem with a field is shown on it, tied to it and said in an
// alert region that was on the page all along, once.
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { liveRegionsAround, nestedLiveRegions } from '../setup/live-regions';
import { NOTHING_TO_VERIFY } from '@/lib/awards/verify-words';

// Server actions are not called while rendering.
vi.mock('@/app/verify/actions', () => ({ verifyAction: vi.fn() }));
const { VerifyForm, VerifyFields } = await import('@/app/verify/verify-form');

const fields = (props: Partial<Parameters<typeof VerifyFields>[0]>) =>
  renderToStaticMarkup(createElement(VerifyFields, { text: '', email: '', onText: () => undefined, onEmail: () => undefined, check: 1, ...props }));

describe('the Verify button', () => {
  it('is enabled with nothing pasted, so Tab reaches it and pressing it says what is missing', () => {
    const html = renderToStaticMarkup(createElement(VerifyForm));
    expect(html).toMatch(/<button type="submit"[^>]*>Verify<\/button>/);
    expect(html).not.toMatch(/<button[^>]*disabled/);
  });

  it('leaves checking the email to the server, so a malformed one is said on the field, not in a passing browser tooltip', () => {
    expect(renderToStaticMarkup(createElement(VerifyForm))).toMatch(/<form[^>]*noValidate=""/);
  });
});

describe('a field’s error', () => {
  it('has its alert regions on the page before there is anything to say, and no field marked', () => {
    const html = renderToStaticMarkup(createElement(VerifyForm));
    expect(html).toContain('<textarea id="credential-text" rows="8" class="');
    expect(html).not.toContain('aria-invalid');
    expect(html.match(/<div role="alert"><\/div>/g)).toHaveLength(2);
    expect(nestedLiveRegions(html)).toEqual([]);
  });

  it('marks the pasted-text field, describes it by the message, and says the message once, as an alert', () => {
    const html = fields({ fieldErrors: { text: NOTHING_TO_VERIFY } });
    expect(html).toMatch(/<textarea id="credential-text" rows="8" aria-invalid="true" aria-describedby="credential-text-error"/);
    expect(html).toContain(`<div role="alert"><p id="credential-text-error" class="mt-1 text-sm font-medium text-red-700">${NOTHING_TO_VERIFY}</p></div>`);
    expect(liveRegionsAround(html, NOTHING_TO_VERIFY)).toEqual(['<div role="alert">']);
    expect(html.split(NOTHING_TO_VERIFY)).toHaveLength(2);
    // The other field is not marked.
    expect(html).not.toMatch(/id="recipient-email"[^>]*aria-invalid/);
    expect(nestedLiveRegions(html)).toEqual([]);
  });

  it('marks the email field the same way, keeping its hint', () => {
    const message = 'Enter the email address as name@example.org, or leave it empty.';
    const html = fields({ email: 'not an address', fieldErrors: { email: message } });
    expect(html).toMatch(/<input id="recipient-email"[^>]*aria-invalid="true" aria-describedby="recipient-email-hint recipient-email-error"/);
    expect(liveRegionsAround(html, message)).toEqual(['<div role="alert">']);
    expect(html).not.toMatch(/<textarea[^>]*aria-invalid/);
  });
});
