// The public summary a teacher writes when submitting is signed into the badge as its evidence
// (lib/awards/issue.ts): anyone with the badge's link reads it, and a signed badge is never edited.
// The form says so where a screen reader hears it too: in the description of the summary's box.
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { textJoined } from '../setup/html';

vi.mock('@/app/apply/[slug]/actions', () => ({ submitAttemptAction: vi.fn(), saveResponseAction: vi.fn() }));

const { SubmitForm } = await import('@/app/apply/[slug]/submit-form');


/** The text of the element with this id (one without nested elements of the same tag). */
function textById(html: string, id: string): string | null {
  const m = new RegExp(`<(\\w+)[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return m ? textJoined(m[2]) : null;
}

describe('the public summary on the submit form', () => {
  const html = renderToStaticMarkup(createElement(SubmitForm, { attemptId: 'a1', slug: 'checks-for-understanding', publicSummary: '', blocked: null, notice: 'Your evidence goes to the reviewers.' }));
  const box = /<textarea[^>]*\bid="publicSummary"[^>]*>/.exec(html)?.[0] ?? '';
  const described = (/aria-describedby="([^"]+)"/.exec(box)?.[1] ?? '').split(' ').map((id) => textById(html, id) ?? '').join(' ');

  it('is described as becoming part of the badge, readable by anyone with its link, and fixed once issued', () => {
    expect(box).not.toBe('');
    expect(described).toContain('this summary becomes part of it');
    expect(described).toContain('Anyone who has the link to your badge can read it');
    expect(described).toContain('it cannot be changed once the badge is issued');
  });

  it('still says the evidence itself stays private', () => {
    expect(described).toContain('Your files and answers always stay private.');
  });
});
