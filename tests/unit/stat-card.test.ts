// A linked overview figure (components/ui/card.tsx Stat): on a phone the whole card is the target,
// not the two-digit number (WCAG 2.5.8), while the link, what is focused and read out, stays the number.
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Stat } from '@/components/ui/card';

describe('an overview figure', () => {
  it('linked: its link stretches over the card, which is the positioned box it covers', () => {
    const html = renderToStaticMarkup(createElement('dl', null, createElement(Stat, { label: 'Teachers', value: 12, href: '/district/teachers', linkLabel: 'Teachers: 12' })));
    expect(html).toMatch(/^<dl><div class="[^"]*\brelative\b[^"]*"><dt[^>]*>Teachers<\/dt>/);
    expect(html).toMatch(/<a[^>]*aria-label="Teachers: 12"[^>]*class="[^"]*after:absolute after:inset-0[^"]*"[^>]*>12<\/a>/);
  });

  it('unlinked: a plain card, with nothing stretched over it', () => {
    const html = renderToStaticMarkup(createElement('dl', null, createElement(Stat, { label: 'Teachers', value: 12 })));
    expect(html).not.toContain('relative');
    expect(html).not.toContain('<a');
  });
});
