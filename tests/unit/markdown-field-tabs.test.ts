// The Write / Preview switch of the credential editor's Markdown fields is a real tab list
// (components/admin/markdown-field.tsx): one tab stop, arrow keys, Home and End.
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MarkdownField, tabAfterKey } from '@/components/admin/markdown-field';

describe('keys on the Write / Preview tabs', () => {
  it('moves with Left and Right, going round', () => {
    expect(tabAfterKey('write', 'ArrowRight')).toBe('preview');
    expect(tabAfterKey('preview', 'ArrowRight')).toBe('write');
    expect(tabAfterKey('write', 'ArrowLeft')).toBe('preview');
    expect(tabAfterKey('preview', 'ArrowLeft')).toBe('write');
  });

  it('goes to the ends with Home and End, and ignores other keys', () => {
    expect(tabAfterKey('preview', 'Home')).toBe('write');
    expect(tabAfterKey('write', 'End')).toBe('preview');
    expect(tabAfterKey('write', 'Enter')).toBeNull();
    expect(tabAfterKey('write', 'ArrowDown')).toBeNull();
  });
});

describe('the tab list', () => {
  it('is one tab stop: the selected tab; the other is reached with the arrow keys', () => {
    const html = renderToStaticMarkup(createElement(MarkdownField, { label: 'Key method', name: 'keyMethod', value: '', onChange: () => undefined }));
    expect(html).toMatch(/role="tab"[^>]*aria-selected="true"[^>]*tabindex="0"[^>]*>Write</);
    expect(html).toMatch(/role="tab"[^>]*aria-selected="false"[^>]*tabindex="-1"[^>]*>Preview</);
    // The preview panel holds no control of its own: it can take focus to be read.
    expect(html).toMatch(/role="tabpanel"[^>]*hidden=""[^>]*tabindex="0"/);
  });
});
