import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BarChart } from '@/components/charts/bar-chart';
import { LineChart } from '@/components/charts/line-chart';

describe('accessible SVG charts', () => {
  it('bar chart: role=img labelled by title and desc, values as text, and a data table', () => {
    const html = renderToStaticMarkup(
      createElement(BarChart, { title: 'Agreement by credential', description: 'Share of identical levels.', data: [{ label: 'Feedback', value: 0.8, display: '80%' }, { label: 'Questioning', value: null }], max: 1 }),
    );
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+ [^"]+"/);
    expect(html).toContain('<title');
    expect(html).toMatch(/<desc[^>]*>Share of identical levels\. Feedback: 80%; Questioning: no data\.<\/desc>/);
    expect(html).toContain('<details');
    expect(html).toMatch(/<th scope="row"[^>]*>Feedback<\/th><td[^>]*>80%<\/td>/);
  });

  it('line chart: every point is labelled, gaps stay gaps, the reference line is named, empty data says so', () => {
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
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="Median turnaround\. Median days: 2 Mar 3, 9 Mar no data, 16 Mar 5"/);
    expect(html).toContain('Service level: 14 days');
    // A missing week breaks the line: two one-point segments, no invented zero.
    expect(html.match(/<path d="M[\d.]+,[\d.]+" fill="none"/g)).toHaveLength(2);
    expect(html).toMatch(/<th scope="col"[^>]*>Week of<\/th>/);
    expect(html).toMatch(/<th scope="row"[^>]*>9 Mar<\/th><td[^>]*>—<\/td>/);
    const empty = renderToStaticMarkup(createElement(LineChart, { title: 'Median turnaround', labels: [], series: [{ name: 'Median days', values: [] }] }));
    expect(empty).toContain('No data for this period');
  });
});
