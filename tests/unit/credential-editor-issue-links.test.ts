// The credential editor's list of what to fix (a refused publish or save, or what an unfinished draft
// still needs): its heading takes focus, and each entry links to its field, or to what stands in for
// it when the field is not on the page.
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => undefined, replace: () => undefined }), usePathname: () => '/' }));
vi.mock('@/app/admin/credentials/actions', () => ({
  publishCredentialAction: vi.fn(), republishCredentialAction: vi.fn(), retireCredentialAction: vi.fn(), saveCredentialAction: vi.fn(),
  confirmBadgeUploadAction: vi.fn(), requestBadgeUploadAction: vi.fn(),
}));

const { CredentialEditor } = await import('@/components/admin/credential-editor');
const { emptyForm, errorSummary, formToDefInput, issuesHeading } = await import('@/components/admin/credential-form-state');
const { publishGaps } = await import('@/lib/authoring/schemas');

const targets = (errors: Record<string, string[]>) => Object.fromEntries(errorSummary(errors).map((i) => [i.key, i.targetIds]));

describe('where each entry of the list sends the reader', () => {
  it('goes to the field itself first: its id is the entry’s path', () => {
    const t = targets({ summary: ['x'], 'resources.0.url': ['x'], 'alignments.1.targetUrl': ['x'], 'parts.2.prompt': ['x'], 'rubric.criteria.0.descriptors.3': ['x'], pdHours: ['x'] });
    expect(t.summary).toEqual(['summary']);
    expect(t.pdHours).toEqual(['pdHours']);
    expect(t['resources.0.url']).toEqual(['resources.0.url', 'resources.0.kind', 'add-resources']);
    expect(t['alignments.1.targetUrl']).toEqual(['alignments.1.targetUrl', 'alignments.1.targetName', 'add-alignments']);
    expect(t['parts.2.prompt']).toEqual(['parts.2.prompt', 'parts.2.title', 'add-part']);
    expect(t['rubric.criteria.0.descriptors.3']).toEqual(['rubric.criteria.0.descriptors.3', 'rubric.criteria.0.title', 'add-criterion']);
  });

  it('a field shown only with some choices falls back to the choice that shows it', () => {
    const t = targets({ 'parts.0.allowedTypes': ['x'], 'parts.1.maxFileBytes': ['x'], 'rubric.passingRule.total': ['x'] });
    // "Allowed file types" appears only for a part that takes files: else its response type.
    expect(t['parts.0.allowedTypes']).toEqual(['parts.0.allowedTypes', 'parts.0.responseType', 'parts.0.title', 'add-part']);
    expect(t['parts.1.maxFileBytes']).toEqual(['parts.1.maxFileBytes', 'parts.1.responseType', 'parts.1.title', 'add-part']);
    // "Total needed" appears only for the total-score rule.
    expect(t['rubric.passingRule.total']).toEqual(['rubric.passingRule.total', 'rubric.passingRule.kind']);
  });

  it('a whole list or the rubric goes to its add button or first field, and a rubric without levels to “Add a level”', () => {
    const t = targets({ parts: ['x'], 'rubric.criteria': ['x'], 'rubric.levels': ['x'], rubric: ['x'], 'rubric.levels.4': ['x'], 'rubric.criteria.1.descriptors': ['x'], 'subjects.2': ['x'] });
    // "Make at least one part required" goes to the first part's Required box; with no part, to the add button.
    expect(t.parts).toEqual(['parts.0.required', 'add-part']);
    expect(t['rubric.criteria']).toEqual(['add-criterion']);
    expect(t['rubric.levels']).toEqual(['rubric.levels.0', 'add-level']);
    expect(t.rubric).toEqual(['rubric.levels.0', 'add-level']);
    expect(t['rubric.levels.4']).toEqual(['rubric.levels.4', 'add-level']);
    expect(t['rubric.criteria.1.descriptors']).toEqual(['rubric.criteria.1.descriptors.0', 'rubric.criteria.1.title', 'add-criterion']);
    expect(t['subjects.2']).toEqual(['subjects']);
  });

  it('the link’s own address is the field’s', () => {
    const [item] = errorSummary({ 'resources.0.url': ['Enter a full web address starting with https://'] });
    expect(item).toMatchObject({ targetId: 'resources.0.url', label: 'Resource 1: Web address', messages: ['Enter a full web address starting with https://'] });
  });

  it('every gap of a barely started draft points at a control the editor renders', () => {
    const form = { ...emptyForm(), title: 'Exit tickets', slug: 'exit-tickets', pdHours: '5' };
    const html = renderToStaticMarkup(createElement(CredentialEditor, { ...props, initial: form }));
    const items = errorSummary(publishGaps(formToDefInput(form)));
    expect(items.length).toBeGreaterThan(3);
    for (const item of items) expect(html, item.key).toContain(`id="${item.targetId}"`);
  });
});

describe('the heading of the list, where focus lands', () => {
  it('says what became of the action first, then how many fields', () => {
    expect(issuesHeading('publish', 3)).toBe('Not published: 3 fields need attention');
    expect(issuesHeading('publish', 1)).toBe('Not published: 1 field needs attention');
    expect(issuesHeading('save', 2)).toBe('Not saved: 2 fields need attention');
  });

  const gaps = { summary: ['This field is required.'], 'resources.0.url': ['Enter a full web address starting with https://'] };
  it('is a heading that script can focus, with a visible ring, naming the list of links under it', () => {
    const html = renderToStaticMarkup(createElement(CredentialEditor, { ...props, publishGaps: gaps, arrived: 'saved' }));
    const heading = /<h2 id="editor-notice-heading" tabindex="-1" class="([^"]*)">([^<]*)<\/h2>/.exec(html);
    expect(heading).not.toBeNull();
    expect(heading![2]).toBe('Draft saved. Before you can publish:');
    expect(heading![1]).toContain('focus:outline-2');
    expect(heading![1]).toContain('focus:outline-green-700');
    const list = /<h2 id="editor-notice-heading"[^>]*>[^<]*<\/h2><ul [^>]*aria-labelledby="editor-notice-heading"[^>]*>(.*?)<\/ul>/.exec(html);
    expect(list).not.toBeNull();
    expect(list![1]).toMatch(/<a href="#summary"[^>]*>Summary: This field is required\.<\/a>/);
    expect(list![1]).toMatch(/<a href="#resources\.0\.url"[^>]*>Resource 1: Web address: Enter a full web address starting with https:\/\/<\/a>/);
    // Said once: the heading is the notice's sentence, not a copy of it.
    expect(html.split('Draft saved. Before you can publish:').length).toBe(2);
  });

  it('is not there when there is nothing to list', () => {
    expect(renderToStaticMarkup(createElement(CredentialEditor, { ...props, publishGaps: {}, arrived: 'saved' }))).not.toContain('editor-notice-heading');
  });
});

const props = {
  issuers: [{ id: 'i1', name: 'Issuer' }], issuerId: 'i1', microCredentialId: 'mc1',
  initial: { ...emptyForm(), title: 'Exit tickets', slug: 'exit-tickets', pdHours: '5', resources: [{ uid: 'r1', kind: 'LINK' as const, title: 'Old link', url: 'javascript:alert(1)', body: '', minutes: '' }] },
  badgeImageKey: null, badgePreviewUrl: null, versionLabel: 'Version 1 — draft; never published', status: 'DRAFT' as const, latestIsDraft: true, savedAt: '2026-01-01T00:00:00.000Z',
};
