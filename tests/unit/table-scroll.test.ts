// TableScroll (components/ui/table-scroll.tsx), the box every wide staff table scrolls sideways in:
// a keyboard user can Tab to it and scroll with the arrow keys, and a screen reader names it.
import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TableScroll } from '@/components/ui/table-scroll';

const table = createElement('table', null, createElement('caption', null, 'Badges issued'));
type Props = Parameters<typeof TableScroll>[0];
const render = (props: Omit<Props, 'children'>) => renderToStaticMarkup(createElement(TableScroll, props as Props, table));
const wrapper = (html: string) => /^<div[^>]*>/.exec(html)![0];

describe('the scrolling box around a wide table', () => {
  it('is reachable with Tab and is a region named for its table', () => {
    const open = wrapper(render({ label: 'Badges issued' }));
    expect(open).toContain('tabindex="0"');
    expect(open).toContain('role="region"');
    expect(open).toContain('aria-label="Badges issued"');
  });

  it('scrolls sideways, in the report tables’ white bordered box unless told otherwise', () => {
    expect(wrapper(render({ label: 'Badges issued' }))).toContain('class="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"');
    // A caller's classes replace the box; the scrolling and the name stay.
    const bare = wrapper(render({ label: 'Review queue', className: 'mt-3' }));
    expect(bare).toContain('class="relative overflow-x-auto mt-3"');
    expect(bare).toContain('aria-label="Review queue"');
    expect(wrapper(render({ label: 'Review queue', className: '' }))).toContain('class="relative overflow-x-auto"');
  });

  it('holds the table as its direct child, which the edge shadows in globals.css select', () => {
    expect(render({ label: 'Badges issued' })).toMatch(/^<div[^>]*><table>/);
    const css = readFileSync(new URL('../../app/globals.css', import.meta.url), 'utf8');
    expect(css).toContain(':is(.overflow-x-auto, .overflow-auto):has(> table)');
  });
});
