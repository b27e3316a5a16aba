// The rubric on a micro-credential's page (components/credential/rubric-table.tsx): a grid from the
// `md` breakpoint up, and below it the same rubric stacked, criterion by criterion, so a teacher on
// a phone sees every level, the passing one included, without scrolling sideways.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RubricTable } from '@/components/credential/rubric-table';
import { textOf } from '../setup/html';

type Version = Parameters<typeof RubricTable>[0]['version'];

const levels = ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'].map((label, rank) => ({ id: `l${rank}`, rank, label }));
const criterion = (id: string, title: string, description: string, words: string[]) => ({
  id,
  sortOrder: Number(id.slice(1)),
  title,
  description,
  partId: 'p1',
  descriptors: words.map((text, rank) => ({ levelId: `l${rank}`, text })),
});
const rubric = (over: Partial<Version> = {}): Version => ({
  levels,
  criteria: [
    criterion('c1', 'Plans the cycle', 'Goals, evidence and timing', ['No plan', 'A partial plan', 'A complete plan', 'A plan students help shape']),
    criterion('c2', 'Uses the evidence', '', ['Not used', 'Mentioned', 'Changes the next lesson', 'Changes the unit']),
  ],
  passingLevelRank: 2,
  passingRuleKind: 'ALL_AT_LEAST',
  passingTotal: null,
  ...over,
});
const render = (v: Version) => renderToStaticMarkup(createElement(RubricTable, { version: v }));

/** The stacked rendering: its opening tag, and per criterion its heading, its description, and each level as "name and marks: descriptor". */
function listOf(html: string) {
  const m = /(<ul[^>]*>)([\s\S]*?)<\/ul>/.exec(html)!;
  const criteria = [...m[2].matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map(([, li]) => ({
    heading: textOf(/<h3[^>]*>([\s\S]*?)<\/h3>/.exec(li)![1]),
    about: textOf(/<h3[^>]*>[\s\S]*?<\/h3>(?:<p[^>]*>([\s\S]*?)<\/p>)?/.exec(li)![1] ?? ''),
    levels: [...li.matchAll(/<div class="([^"]*)"><dt[^>]*>([\s\S]*?)<\/dt><dd[^>]*>([\s\S]*?)<\/dd><\/div>/g)].map(([, cls, dt, dd]) => ({
      level: `${textOf(dt)}: ${textOf(dd)}`,
      highlighted: cls.split(' ').includes('bg-green-50'),
    })),
  }));
  return { open: m[1], criteria };
}

/** The grid: its box's opening tag, and per row its header and each cell read with its column's header. */
function tableOf(html: string) {
  const m = /(<div[^>]*>)<table[^>]*>([\s\S]*?)<\/table><\/div>/.exec(html)!;
  const heads = [.../<thead>([\s\S]*?)<\/thead>/.exec(m[2])![1].matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].slice(1);
  const rows = [...m[2].matchAll(/<tr>(<th scope="row"[\s\S]*?)<\/tr>/g)].map(([, tr]) => {
    const [, title, about] = /<th scope="row"[^>]*>([\s\S]*?)(?:<span[^>]*>([\s\S]*?)<\/span>)?<\/th>/.exec(tr)!;
    const cells = [...tr.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]);
    return {
      heading: textOf(title),
      about: textOf(about ?? ''),
      levels: cells.map((c, i) => ({ level: `${textOf(heads[i][1])}: ${textOf(c)}`, highlighted: /class="[^"]*\bbg-green-50\b/.test(heads[i][0]) })),
    };
  });
  return { open: m[1], rows };
}

describe('the rubric on a phone and on a wider screen', () => {
  it('is a stacked list below md and the grid from md up, so only one of them is ever displayed', () => {
    const html = render(rubric());
    const list = listOf(html).open;
    expect(list).toContain('aria-label="Scoring rubric"');
    expect(list).toMatch(/class="[^"]*\bmd:hidden\b/);
    expect(list).not.toMatch(/class="[^"]*(?<!md:)\bhidden\b/);
    // The grid keeps its focusable, named scrolling box, displayed only from md up.
    const grid = tableOf(html).open;
    expect(grid).toMatch(/class="[^"]*\bhidden md:block\b/);
    expect(grid).toContain('tabindex="0"');
    expect(grid).toContain('role="region"');
    expect(grid).toContain('aria-label="Scoring rubric"');
    expect(html).toContain('<caption class="sr-only">Scoring rubric</caption>');
    // Said once, above both.
    expect(html.split('every criterion must reach').length - 1).toBe(1);
  });

  it('gives each criterion a heading, then every level with its name and descriptor, in order', () => {
    const { criteria } = listOf(render(rubric()));
    expect(criteria.map((c) => [c.heading, c.about])).toEqual([['Plans the cycle', 'Goals, evidence and timing'], ['Uses the evidence', '']]);
    expect(criteria[0].levels.map((l) => l.level)).toEqual([
      'Not yet: No plan',
      'Developing: A partial plan',
      'Demonstrated Passing level: A complete plan',
      'Exemplary: A plan students help shape',
    ]);
  });

  it('marks the passing level as the grid does, and shades it and the levels above it', () => {
    const { criteria } = listOf(render(rubric()));
    for (const c of criteria) {
      expect(c.levels.filter((l) => l.level.includes('Passing level')).map((l) => l.level.split(' Passing')[0])).toEqual(['Demonstrated']);
      expect(c.levels.map((l) => l.highlighted)).toEqual([false, false, true, true]);
    }
  });

  it('carries the same words as the grid, criterion by criterion and level by level, under either passing rule', () => {
    for (const v of [rubric(), rubric({ passingRuleKind: 'TOTAL_AT_LEAST', passingTotal: 4, passingLevelRank: 1 })]) {
      const html = render(v);
      expect(listOf(html).criteria, v.passingRuleKind).toEqual(tableOf(html).rows);
    }
  });

  it('shows each level’s points and the lowest level allowed when points add up to a pass', () => {
    const { criteria } = listOf(render(rubric({ passingRuleKind: 'TOTAL_AT_LEAST', passingTotal: 4, passingLevelRank: 1 })));
    expect(criteria[1].levels.map((l) => l.level)).toEqual([
      'Not yet 0 points: Not used',
      'Developing 1 point Lowest level allowed: Mentioned',
      'Demonstrated 2 points: Changes the next lesson',
      'Exemplary 3 points: Changes the unit',
    ]);
  });

  it('marks no level in a draft with no passing level chosen yet, and says so once', () => {
    const html = render(rubric({ passingLevelRank: null }));
    expect(html).not.toMatch(/Passing level|Lowest level allowed/);
    expect(listOf(html).criteria.flatMap((c) => c.levels).some((l) => l.highlighted)).toBe(false);
    expect(html.split('The passing level is not chosen yet').length - 1).toBe(1);
  });
});
