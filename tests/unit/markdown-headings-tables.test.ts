// What authors write in Markdown (lib/markdown.ts, components/markdown.tsx), as a teacher or
// reviewer meets it: their headings sit under the page's own (WCAG 1.3.1: a "#" is never a second
// h1), their tables scroll sideways in a box a keyboard can reach (1.4.10, 2.1.1), and nothing they
// write runs as script or raw HTML, in a heading or a table cell any more than in a paragraph.
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { tableName, renderMarkdown } from '@/lib/markdown';
import { Markdown } from '@/components/markdown';
import { PartsList } from '@/components/credential/parts-list';
import type { VersionDetail } from '@/lib/catalog/queries';

// The evidence panel's file list reaches the teacher's server actions (and the session) through its
// Remove button, which a part without files never shows.
vi.mock('@/app/apply/[slug]/actions', () => ({ removeFileAction: async () => undefined }));
const { EvidencePanel } = await import('@/components/review/evidence-panel');

const headings = (html: string) => [...html.matchAll(/<(h[1-6])>([^<]*)<\/h[1-6]>/g)].map((m) => `${m[1]} ${m[2]}`);
const ALL_LEVELS = '# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six';

describe('authors’ headings', () => {
  it('start one level below a section’s h2 by default (the application page’s parts, a credential’s sections), and stop at h6', () => {
    expect(headings(renderMarkdown(ALL_LEVELS))).toEqual(['h3 One', 'h4 Two', 'h5 Three', 'h6 Four', 'h6 Five', 'h6 Six']);
  });

  it('start one level below the heading the text sits under', () => {
    expect(headings(renderMarkdown('# About\n\n## Who it is for', { headingBase: 1 }))).toEqual(['h2 About', 'h3 Who it is for']);
    expect(headings(renderMarkdown('# Context\n\n## Task', { headingBase: 3 }))).toEqual(['h4 Context', 'h5 Task']);
    // Setext headings ("===" underlines) too.
    expect(headings(renderMarkdown('Context\n=======\n\nTask\n----', { headingBase: 3 }))).toEqual(['h4 Context', 'h5 Task']);
  });

  it('are never an h1, whatever base is asked for', () => {
    for (const headingBase of [0, -3, Number.NaN, 1.5, 9]) expect(renderMarkdown(ALL_LEVELS, { headingBase })).not.toMatch(/<h1[ >]/);
  });

  it('follow the heading each caller puts the text under', () => {
    const prompt = '# Context\n\nDescribe your class.';
    // Under a track's or a stack's h1.
    expect(renderToStaticMarkup(createElement(Markdown, { source: prompt, headingBase: 1 }))).toContain('<h2>Context</h2>');
    // The application page gives no base: its prompts sit under each part's h2.
    expect(renderToStaticMarkup(createElement(Markdown, { source: prompt }))).toContain('<h3>Context</h3>');
    // A credential's parts and the reviewer's evidence: under each part's h3.
    const part = { id: 'p1', title: 'Your class', prompt, responseType: 'TEXT' as const, required: true, wordLimit: null, maxFiles: 0, maxFileBytes: 0, allowedTypes: [] };
    expect(renderToStaticMarkup(createElement(PartsList, { parts: [part] as unknown as VersionDetail['parts'] }))).toContain('<h4>Context</h4>');
    const evidence = renderToStaticMarkup(createElement(EvidencePanel, { parts: [part], responses: [], files: [] }));
    expect(evidence).toContain('<h4>Context</h4>');
    expect(evidence).not.toMatch(/<h[123]>Context/);
  });
});

describe('authors’ tables', () => {
  const table = '| Week | What students do |\n| --- | :-: |\n| 1 | Read **aloud** |';

  it('sit in a focusable, named box that scrolls sideways, with the table its direct child (the edge shadows select it)', () => {
    const html = renderMarkdown(table);
    expect(html).toMatch(/^<div class="overflow-x-auto" tabindex="0" role="region" aria-label="Table: Week, What students do"><table>/);
    expect(html).toContain('<th>Week</th>');
    expect(html).toContain('<td align="center">Read <strong>aloud</strong></td>');
    expect(html.trim()).toMatch(/<\/table>\n?<\/div>$/);
  });

  it('are named by their column headings, so two tables on one page are two landmarks that can be told apart', () => {
    expect(tableName(['**Criterion**', 'Level', ' '])).toBe('Table: Criterion, Level');
    expect(tableName(['', ''])).toBe('Table');
    expect(tableName(['x'.repeat(200)])).toHaveLength(80);
    expect(renderMarkdown('| A "quoted" <b>cell</b> |\n| --- |\n| 1 |')).toContain('aria-label="Table: A quoted bcellb"');
  });

  it('are styled in the prose the box sits in', async () => {
    const { readFile } = await import('node:fs/promises');
    const css = await readFile(new URL('../../app/globals.css', import.meta.url), 'utf8');
    for (const selector of ['.prose-body h3', '.prose-body h4', '.prose-body h5', '.prose-body h6', '.prose-body table']) expect(css).toContain(`${selector} {`);
  });
});

describe('what authors write stays text, never markup', () => {
  // A real tag carrying an event handler, or a script tag; escaped text (&lt;…) is harmless.
  const liveHandler = /<[a-z][^>]*\son[a-z]+\s*=/i;
  const cases = {
    paragraph: 'Hi <script>alert(1)</script> <b onclick="alert(1)">bold</b> <img src=x onerror=alert(1)>',
    block: '<div onclick="alert(1)">\n<script>alert(1)</script>\n</div>',
    heading: '# Title <script>alert(1)</script> <span onmouseover="alert(1)">x</span>\n\n## [click](javascript:alert(1))',
    setext: 'Title <img src=x onerror=alert(1)>\n===',
    table: '| <script>alert(1)</script> | <a href="javascript:alert(1)" onclick="alert(1)">x</a> |\n| --- | --- |\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) ![y](javascript:alert(1)) |',
  };

  for (const [where, source] of Object.entries(cases)) {
    it(`in a ${where}: no script, no event handler, no javascript: link, at any heading base`, () => {
      for (const headingBase of [1, 2, 3]) {
        const html = renderMarkdown(source, { headingBase });
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toMatch(/<img/i);
        expect(html).not.toMatch(liveHandler);
        expect(html).not.toMatch(/href="javascript:/i);
        // Only the tags and attributes Markdown itself makes (and the table's box).
        for (const [, name, attrs] of html.matchAll(/<([a-z][a-z0-9]*)([^>]*)>/gi)) {
          expect(['h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'strong', 'em']).toContain(name);
          for (const [, attr] of attrs.matchAll(/\s([a-z-]+)=/gi)) expect(['class', 'tabindex', 'role', 'aria-label', 'align', 'href', 'rel', 'title']).toContain(attr);
        }
      }
    });
  }

  it('shows the raw HTML as the author typed it, as text', () => {
    expect(renderMarkdown('# Title <script>alert(1)</script>')).toBe('<h3>Title &lt;script&gt;alert(1)&lt;/script&gt;</h3>\n');
    expect(renderMarkdown('| <b onclick="x">b</b> |\n| - |\n| c |')).toContain('<th>&lt;b onclick=&quot;x&quot;&gt;b&lt;/b&gt;</th>');
  });

  it('keeps web and mail links, and nothing else, in headings and tables as in paragraphs', () => {
    const html = renderMarkdown('## [Guide](https://example.org/guide)\n\n| [Mail](mailto:a@example.org) | [Bad](data:text/html,x) |\n| - | - |');
    expect(html).toContain('<h4><a href="https://example.org/guide" rel="noopener noreferrer">Guide</a></h4>');
    expect(html).toContain('<th><a href="mailto:a@example.org" rel="noopener noreferrer">Mail</a></th>');
    expect(html).toContain('<th>Bad</th>');
  });
});
