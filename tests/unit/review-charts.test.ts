import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BarChart } from '@/components/charts/bar-chart';
import { LineChart } from '@/components/charts/line-chart';
import { axisLabelIndices, niceTicks } from '@/components/charts/chart-parts';

describe('accessible charts', () => {
  it('bar chart: labels and values are page text (whole, never cut), bars are decoration, and a data table', () => {
    const long = 'First classroom-evidence micro-credential in questioning';
    const html = renderToStaticMarkup(
      createElement(BarChart, { title: 'Agreement by credential', description: 'Share of identical levels.', data: [{ label: long, value: 0.8, display: '80%' }, { label: 'Questioning', value: null }], max: 1 }),
    );
    expect(html).toMatch(/<figcaption[^>]*><span[^>]*>Agreement by credential<\/span><span[^>]*>Share of identical levels\.<\/span><\/figcaption>/);
    // A list read as "label: value"; the label in full, not truncated with an ellipsis.
    expect(html).toContain(`<span class="min-w-0 text-slate-900">${long}<span class="sr-only">: </span></span>`);
    expect(html).not.toContain('…');
    expect(html).toMatch(/<span aria-hidden="true"[^>]*><span class="[^"]*" style="width:80%;background:#1d4ed8"><\/span><\/span><span[^>]*>80%<\/span>/);
    expect(html).toContain('no data');
    expect(html).not.toContain('<svg');
    expect(html).toContain('<details');
    expect(html).toMatch(/<th scope="row"[^>]*>Questioning<\/th><td[^>]*>no data<\/td>/);
  });

  it('line chart: described in words, gaps stay gaps, the reference line is named, empty data says so', () => {
    const html = renderToStaticMarkup(
      createElement(LineChart, {
        title: 'Median turnaround',
        description: 'By week.',
        labels: ['2 Mar', '9 Mar', '16 Mar'],
        series: [{ name: 'Median days', values: [3, null, 5] }],
        reference: { value: 14, label: 'Service level: 14 days' },
        xHeading: 'Week of',
      }),
    );
    expect(html).toMatch(/<div role="img" aria-label="Median turnaround\. Median days: 2 Mar 3, 9 Mar no data, 16 Mar 5"/);
    expect(html).toContain('Service level: 14 days');
    // A missing week breaks the line: two lone points, no segment, no invented zero.
    expect(html.match(/<use /g)).toHaveLength(2);
    expect(html).not.toMatch(/<line x1="[\d.]+%" y1="[\d.]+%" x2="[\d.]+%"/);
    expect(html).toMatch(/<th scope="col"[^>]*>Week of<\/th>/);
    expect(html).toMatch(/<th scope="row"[^>]*>9 Mar<\/th><td[^>]*>—<\/td>/);
    const empty = renderToStaticMarkup(createElement(LineChart, { title: 'Median turnaround', labels: [], series: [{ name: 'Median days', values: [] }] }));
    expect(empty).toContain('No data for this period');
  });

  it('line chart: text is page text (not scaled with the drawing), the last period label sits inside the box', () => {
    const labels = ['May 26', 'Jun 26', 'Jul 26', 'Aug 26', 'Sept 26', 'Oct 26', 'Nov 26'];
    const html = renderToStaticMarkup(createElement(LineChart, { title: 'Enrolments', labels, series: [{ name: 'Enrolments', values: [0, 0, 0, 0, 0, 0, 2] }] }));
    expect(html).not.toContain('viewBox="0 0');
    expect(html).not.toContain('<text');
    // Centred on its point, with padding right of the plot to hold the half that sticks out.
    expect(html).toMatch(/<div role="img"[^>]*class="[^"]*\bpr-7\b/);
    expect(html).toMatch(/<span class="absolute top-0 -translate-x-1\/2 whitespace-nowrap block @md:block @3xl:block" style="left:100%">Nov 26<\/span>/);
    // On a phone four of the seven fit: every other month, ending with the latest.
    expect(html).toMatch(/<span class="absolute top-0 -translate-x-1\/2 whitespace-nowrap hidden @md:block @3xl:block" style="left:[\d.]+%">Oct 26<\/span>/);
  });

  it('line chart: counts get whole-number ticks, shares keep fractional ones', () => {
    const tickLabels = (html: string) => [...html.matchAll(/tabular-nums whitespace-nowrap" style="top:[\d.]+%">([^<]+)</g)].map((m) => m[1]);
    const counts = renderToStaticMarkup(createElement(LineChart, { title: 'Reviews', labels: ['Oct', 'Nov'], series: [{ name: 'Reviews', values: [0, 1] }, { name: 'Reviewers', values: [0, 1] }] }));
    expect(tickLabels(counts)).toEqual(['0', '1']);
    const shares = renderToStaticMarkup(createElement(LineChart, { title: 'Pass rate', labels: ['Oct', 'Nov'], series: [{ name: 'Pass rate', values: [0, 1] }], yMax: 1, format: (v: number) => `${Math.round(v * 100)}%` }));
    expect(tickLabels(shares)).toEqual(['0%', '25%', '50%', '75%', '100%']);
  });

  it('line chart: two series that coincide stay distinguishable (marker shape, weight and dash, shown in the legend)', () => {
    const html = renderToStaticMarkup(createElement(LineChart, { title: 'Reviews', labels: ['Oct', 'Nov'], series: [{ name: 'Reviews', values: [0, 1] }, { name: 'Active reviewers', values: [0, 1] }] }));
    const segments = [...html.matchAll(/<line x1="0%" y1="100%" x2="100%" y2="0%" stroke="([^"]+)" stroke-width="([\d.]+)"( stroke-dasharray="[^"]+")?/g)];
    expect(segments).toHaveLength(2);
    expect(segments[0][2]).not.toBe(segments[1][2]);
    expect(segments[0][3]).toBeUndefined();
    expect(segments[1][3]).toBeDefined();
    const markers = [...html.matchAll(/<use href="#([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(markers).size).toBe(2);
    expect(html).toMatch(/<ul[^>]*aria-hidden="true"><li[^>]*><svg[^>]*>.*<\/svg>Reviews<\/li><li[^>]*><svg[^>]*>.*<\/svg>Active reviewers<\/li><\/ul>/);
  });
});

describe('axis ticks and labels', () => {
  it('niceTicks: whole steps for counts, round steps otherwise', () => {
    expect(niceTicks(1, 4, { integer: true })).toEqual([0, 1]);
    expect(niceTicks(2, 4, { integer: true })).toEqual([0, 1, 2]);
    expect(niceTicks(3, 4, { integer: true })).toEqual([0, 1, 2, 3]);
    expect(niceTicks(7, 4, { integer: true })).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(9, 4, { integer: true })).toEqual([0, 5, 10]);
    expect(niceTicks(40, 4, { integer: true })).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(100, 4, { integer: true })).toEqual([0, 25, 50, 75, 100]);
    for (const max of [1, 2, 3, 5, 6, 9, 11, 17, 23, 99, 1234]) {
      const ticks = niceTicks(max, 4, { integer: true });
      expect(ticks.every(Number.isInteger)).toBe(true);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
    }
    expect(niceTicks(1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(2)).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(niceTicks(0, 4, { integer: true })).toEqual([0, 1]);
  });

  it('axisLabelIndices: all when they fit, otherwise evenly spaced and always the latest', () => {
    expect(axisLabelIndices(0, 4)).toEqual([]);
    expect(axisLabelIndices(3, 4)).toEqual([0, 1, 2]);
    expect(axisLabelIndices(7, 4)).toEqual([0, 2, 4, 6]);
    expect(axisLabelIndices(13, 4)).toEqual([0, 4, 8, 12]);
    expect(axisLabelIndices(26, 4)).toEqual([7, 16, 25]);
    expect(axisLabelIndices(8, 1)).toEqual([7]);
    for (const n of [5, 9, 12, 26, 53]) {
      const shown = axisLabelIndices(n, 4);
      expect(shown.length).toBeLessThanOrEqual(4);
      expect(shown[shown.length - 1]).toBe(n - 1);
    }
  });
});
