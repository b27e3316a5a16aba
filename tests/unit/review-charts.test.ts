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

  it('line chart: every point is labelled, the reference line is named, and empty data says so', () => {
    const html = renderToStaticMarkup(
      createElement(LineChart, { title: 'Median turnaround', description: 'By week.', points: [{ label: '2 Mar', value: 3 }, { label: '9 Mar', value: 5 }], referenceValue: 14, referenceLabel: 'Service level: 14 days' }),
    );
    expect(html).toContain('Service level: 14 days');
    expect(html).toMatch(/<desc[^>]*>By week\. 2 Mar: 3; 9 Mar: 5\.<\/desc>/);
    expect(html).toMatch(/<path d="M[\d.]+,[\d.]+ L[\d.]+,[\d.]+"/);
    const empty = renderToStaticMarkup(createElement(LineChart, { title: 'Median turnaround', description: 'By week.', points: [] }));
    expect(empty).toContain('No data for this period.');
    expect(empty).not.toContain('<svg');
  });
});
