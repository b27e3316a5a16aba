// TableScroll (components/ui/table-scroll.tsx), the box every wide staff table scrolls sideways in:
// a keyboard user can Tab to it and scroll with the arrow keys, and a screen reader names it; a
// shadow at an edge shows only when there is more of the table that way.
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

describe('the edge shadows of a box that scrolls sideways (app/globals.css)', () => {
  const css = readFileSync(new URL('../../app/globals.css', import.meta.url), 'utf8');
  const block = (start: string) => {
    const from = css.indexOf(start);
    expect(from, start).toBeGreaterThanOrEqual(0);
    let depth = 0;
    for (let i = css.indexOf('{', from); i < css.length; i++) {
      if (css[i] === '{') depth++;
      if (css[i] === '}' && --depth === 0) return css.slice(from, i + 1);
    }
    throw new Error(`unclosed ${start}`);
  };

  it('where the browser has scroll-driven animations, takes each shadow’s strength from the scroll position, none by default', () => {
    // Nothing to scroll means no scroll timeline: the shadows keep their strength of 0, whatever colour is behind the box.
    expect(css).toMatch(/@property --scroll-shadow-start \{[^}]*initial-value: 0;/);
    expect(css).toMatch(/@property --scroll-shadow-end \{[^}]*initial-value: 0;/);
    const modern = block('@supports (animation-timeline: scroll())');
    expect(modern).toContain('calc(0.3 * var(--scroll-shadow-start))');
    expect(modern).toContain('calc(0.3 * var(--scroll-shadow-end))');
    // No cover painted in a guessed colour: a box that fits shows nothing at its edges.
    expect(modern).not.toContain('--scroll-cover');
    expect(modern).toContain('animation-timeline: scroll(self inline), scroll(self inline);');
    // The left shadow grows once scrolled from the start; the right one fades at the end.
    expect(block('@keyframes scroll-shadow-start')).toMatch(/from \{ --scroll-shadow-start: 0; \} to \{ --scroll-shadow-start: 1; \}/);
    expect(block('@keyframes scroll-shadow-end')).toMatch(/from \{ --scroll-shadow-end: 1; \} to \{ --scroll-shadow-end: 0; \}/);
  });

  it('elsewhere, paints the covers in the background nearest the box, the review queue’s white from md up included', () => {
    expect(css).toContain('.bg-white { --scroll-cover: var(--color-white); }');
    expect(css).toContain('.bg-slate-100 { --scroll-cover: var(--color-slate-100); }');
    expect(css).toMatch(/@media \(width >= 48rem\) \{\s*\.md\\:bg-white \{ --scroll-cover: var\(--color-white\); \}/);
  });
});
