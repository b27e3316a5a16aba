// A PDF's preview (components/evidence/pdf-preview.tsx): folded away, it puts no viewer on the page,
// so the file is not fetched from storage unasked and a hidden viewer cannot take keyboard focus.
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { PdfPreview } from '@/components/evidence/pdf-preview';

describe('a PDF preview, before it is opened', () => {
  it('is a closed disclosure with no viewer inside', () => {
    const html = renderToStaticMarkup(createElement(PdfPreview, { src: '/files/f1?inline=1', fileName: 'plan.pdf' }));
    expect(html).toMatch(/^<details class="mt-2"><summary[^>]*>Preview PDF<\/summary><\/details>$/);
    expect(html).not.toContain('<iframe');
    expect(html).not.toContain('/files/f1');
  });
});
