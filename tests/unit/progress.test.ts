// The progress bar (components/ui/progress.tsx) says its count in words: aria-valuenow is a
// percentage, which a screen reader would read alone ("60"); "3 of 5" is what the page means.
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ProgressBar } from '@/components/ui/progress';

const bar = (props: Parameters<typeof ProgressBar>[0]) => {
  const html = renderToStaticMarkup(createElement(ProgressBar, props));
  const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(html)?.[1];
  return { now: attr('aria-valuenow'), text: attr('aria-valuetext'), label: attr('aria-label') };
};

describe('the progress bar', () => {
  it('reads its count as “value of max”, beside the percentage it draws', () => {
    expect(bar({ value: 3, max: 5, label: 'Stack progress' })).toEqual({ now: '60', text: '3 of 5', label: 'Stack progress' });
    expect(bar({ value: 0, max: 4, label: 'Required parts ready to send' })).toMatchObject({ now: '0', text: '0 of 4' });
    expect(bar({ value: 4, max: 4, label: 'Required parts ready to send' })).toMatchObject({ now: '100', text: '4 of 4' });
  });

  it('reads the words a page gives it instead', () => {
    expect(bar({ value: 2, max: 6, label: 'Resources studied', valueText: '2 of 6 resources studied' })).toMatchObject({ now: '33', text: '2 of 6 resources studied' });
  });
});
