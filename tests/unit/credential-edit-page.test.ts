// The credential edit page (app/admin/credentials/[id]/edit/page.tsx) and its editor, rendered as
// the server sends them, with the credential the query returns set by hand: one editor per
// credential whatever its newest version (a first save of a published credential must not remount
// it), and a credential in a track shows its level in words, with the way to the track page.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

vi.mock('next/navigation', () => ({
  useRouter: () => ({ refresh: () => undefined, replace: () => undefined }), usePathname: () => '/',
  notFound: () => { throw new Error('not found'); }, redirect: (to: string) => { throw new Error(`redirect ${to}`); },
}));
vi.mock('@/app/admin/credentials/actions', () => ({
  publishCredentialAction: vi.fn(), republishCredentialAction: vi.fn(), retireCredentialAction: vi.fn(), saveCredentialAction: vi.fn(), deleteDraftCredentialAction: vi.fn(),
  confirmBadgeUploadAction: vi.fn(), requestBadgeUploadAction: vi.fn(),
}));
// The editor's guard against leaving unsaved changes, watched: what it asks, and what it keeps.
vi.mock('@/components/ui/use-leave-guard', async (original) => ({ ...(await original<typeof import('@/components/ui/use-leave-guard')>()), useLeaveGuard: vi.fn() }));
vi.mock('@/lib/auth/session', () => ({ requireRole: async () => ({ id: 'u1', timeZone: null }) }));
vi.mock('@/lib/authoring/badge-image', () => ({ badgePreviewUrl: async () => null }));
let loaded: unknown;
vi.mock('@/lib/authoring/queries', () => ({
  getCredentialForEdit: async () => loaded,
  listAdminIssuers: async () => [{ id: 'i1', name: 'Issuer' }],
  describeVersions: () => 'Version 1 — published',
}));

const { default: EditCredentialPage } = await import('@/app/admin/credentials/[id]/edit/page');
const { default: CredentialPage } = await import('@/app/admin/credentials/[id]/page');
const { useLeaveGuard } = await import('@/components/ui/use-leave-guard');
const { CredentialEditor } = await import('@/components/admin/credential-editor');
const { emptyForm, formToDefInput } = await import('@/components/admin/credential-form-state');
const { MicroCredentialDraft } = await import('@/lib/authoring/schemas');

const def = MicroCredentialDraft.parse(formToDefInput({ ...emptyForm(), title: 'Feedback in your classroom', slug: 'feedback-classroom', pdHours: '5', level: '2' }));
const version = (id: string, n: number, status: string) => ({ id, version: n, status, publishedAt: null, updatedAt: new Date('2026-03-02T09:00:00Z'), _count: { submissions: 0 } });

/** What getCredentialForEdit returns: published, level 2 of the track "Feedback" unless changed. */
function credential(opts: { latest?: ReturnType<typeof version>; trackId?: string | null; status?: string; publishedAt?: Date | null; level?: number | null } = {}) {
  const latest = opts.latest ?? version('v1', 1, 'PUBLISHED');
  const trackId = opts.trackId === undefined ? 't1' : opts.trackId;
  return {
    mc: {
      id: 'mc1', slug: 'feedback-classroom', status: opts.status ?? 'PUBLISHED', issuerId: 'i1', trackId, level: opts.level === undefined ? 2 : opts.level,
      publishedAt: opts.publishedAt === undefined ? new Date('2026-03-01T09:00:00Z') : opts.publishedAt,
      issuer: { name: 'Issuer' }, track: trackId ? { title: 'Feedback' } : null, versions: [latest],
    },
    latest, published: latest.status === 'PUBLISHED' ? latest : null, def, badgeImageKey: null, publishGaps: {},
  };
}

async function page(data: ReturnType<typeof credential>) {
  loaded = data;
  return EditCredentialPage({ params: Promise.resolve({ id: 'mc1' }), searchParams: Promise.resolve({}) });
}

/** The editor element in the page's tree. */
function editorIn(node: ReactNode): ReactElement<Record<string, unknown>> | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = editorIn(child as ReactNode);
      if (found) return found;
    }
    return null;
  }
  if (!isValidElement(node)) return null;
  if (node.type === CredentialEditor) return node as ReactElement<Record<string, unknown>>;
  return editorIn((node.props as { children?: ReactNode }).children);
}

describe('the editor on the edit page', () => {
  it('stays the same editor when a save makes a new version, so what was typed, the notice and focus stay', async () => {
    const before = editorIn(await page(credential()));
    // The first save of a published credential: a new draft version is now the newest.
    const after = editorIn(await page(credential({ latest: version('v2', 2, 'DRAFT') })));
    expect(before?.key).toBe('mc1');
    expect(after?.key).toBe(before?.key);
    // The new version reaches the editor as props; the editor already took it as its base.
    expect(after?.props.baseVersionId).toBe('v2');
  });
});

describe('the level of a credential in a track', () => {
  it('is shown in words, with a link to the track page, instead of a choice, once published', async () => {
    const html = renderToStaticMarkup(await page(credential()));
    expect(html).toContain('Level 2 of the track “Feedback”. Levels are set on <a href="/admin/tracks/t1">the track page</a>.');
    expect(html).not.toMatch(/<select[^>]*id="level"/);
    expect(html).toMatch(/<p id="level" tabindex="-1"/);
  });

  it('is the track’s, not a level a draft version was saved with', async () => {
    const data = credential({ level: 3 });
    expect(renderToStaticMarkup(await page(data))).toContain('Level 3 of the track “Feedback”.');
    expect(editorIn(await page(data))?.props.trackLevel).toEqual({ trackId: 't1', trackTitle: 'Feedback', level: 3 });
  });

  it('is shown in words for a draft in a track too: the track page sets every level in it', async () => {
    const html = renderToStaticMarkup(await page(credential({ latest: version('v1', 1, 'DRAFT'), status: 'DRAFT', publishedAt: null })));
    expect(html).toContain('Level 2 of the track “Feedback”. Levels are set on');
    expect(html).not.toMatch(/<select[^>]*id="level"/);
  });

  it('says so when the track gave it no level', async () => {
    expect(renderToStaticMarkup(await page(credential({ level: null })))).toContain('In the track “Feedback”, without a level. Levels are set on <a href="/admin/tracks/t1">the track page</a>.');
  });

  it('stays a choice for a credential in no track', async () => {
    const html = renderToStaticMarkup(await page(credential({ trackId: null })));
    expect(html).toMatch(/<select id="level" name="level"/);
    expect(html).not.toContain('Levels are set on');
  });

  it('shows the server’s refusal under it, linked from the list of fields to fix', () => {
    // As the editor renders it with a refused save's errors (the page passes them only through the editor's state).
    const props = {
      issuers: [{ id: 'i1', name: 'Issuer' }], issuerId: 'i1', microCredentialId: 'mc1', initial: { ...emptyForm(), title: 'T', slug: 't', pdHours: '5' },
      badgeImageKey: null, badgePreviewUrl: null, versionLabel: 'Version 1 — published', status: 'PUBLISHED' as const, latestIsDraft: false, savedAt: '2026-01-01T00:00:00.000Z',
      trackLevel: { trackId: 't1', trackTitle: 'Feedback', level: 2 }, publishGaps: { level: ['Set the level back to Level 2.'] },
    };
    const html = renderToStaticMarkup(createElement(CredentialEditor, props));
    expect(html).toMatch(/<a href="#level"[^>]*>Level: Set the level back to Level 2\.<\/a>/);
  });
});

describe('the page header, on applications already started', () => {
  const started = (id: string, n: number, status: string, submissions: number) => ({ ...version(id, n, status), _count: { submissions } });
  const withVersions = (...versions: ReturnType<typeof started>[]) => {
    const data = credential({ latest: versions[0] });
    return { ...data, mc: { ...data.mc, versions } };
  };

  it('says in words which version one application stays on', async () => {
    const html = renderToStaticMarkup(await page(withVersions(started('v1', 1, 'PUBLISHED', 1))));
    expect(html).toContain('1 application stays on version 1, the version it was started on. Saving changes to a published version creates a new draft version.');
  });

  it('counts several on one version, and several versions, lowest first', async () => {
    expect(renderToStaticMarkup(await page(withVersions(started('v1', 1, 'PUBLISHED', 3))))).toContain('3 applications stay on version 1, the version they were started on.');
    const html = renderToStaticMarkup(await page(withVersions(started('v3', 3, 'DRAFT', 0), started('v2', 2, 'PUBLISHED', 1), started('v1', 1, 'PUBLISHED', 2))));
    expect(html).toContain('3 applications stay on the versions they were started on: 2 on version 1 and 1 on version 2.');
    expect(html).not.toContain('Submissions in progress');
  });

  it('says nothing of them when none has started', async () => {
    expect(renderToStaticMarkup(await page(credential()))).not.toContain('stay on');
  });
});

describe('fields that are fixed, and boxes that grow', () => {
  const render = (slugLocked: boolean) =>
    renderToStaticMarkup(createElement(CredentialEditor, {
      issuers: [{ id: 'i1', name: 'Issuer' }], issuerId: 'i1', microCredentialId: 'mc1', initial: { ...emptyForm(), title: 'T', slug: 't', pdHours: '5' },
      badgeImageKey: null, badgePreviewUrl: null, versionLabel: 'Version 1 — published', status: 'PUBLISHED' as const, latestIsDraft: false, savedAt: '2026-01-01T00:00:00.000Z', slugLocked,
    }));
  const slugField = (html: string) => html.match(/<input[^>]*id="slug"[^>]*>/)?.[0] ?? '';

  it('shows a published credential’s web address as fixed: read-only, on grey, not like a field to type in', () => {
    const locked = slugField(render(true));
    expect(locked).toContain('readOnly=""');
    expect(locked).toMatch(/class="[^"]*\bbg-slate-100\b/);
    expect(locked).not.toMatch(/class="[^"]*\bbg-white\b/);
    const open = slugField(render(false));
    expect(open).not.toContain('readOnly');
    expect(open).toMatch(/class="[^"]*\bbg-white\b/);
  });

  it('grows the rubric’s descriptor and description boxes, and the summary, with what is written in them', () => {
    const html = render(false);
    const boxes = [...html.matchAll(/<textarea[^>]*id="(rubric\.criteria\.0\.(?:descriptors\.\d|description)|summary)"[^>]*>/g)];
    expect(boxes.map((m) => m[1])).toEqual(expect.arrayContaining(['summary', 'rubric.criteria.0.description', 'rubric.criteria.0.descriptors.0', 'rubric.criteria.0.descriptors.3']));
    for (const [box] of boxes) expect(box).toMatch(/class="[^"]*\bfield-sizing-content\b[^"]*\bmin-h-\d+/);
    // Growing boxes would widen the column with the longest descriptor and squeeze the others: the levels share the width equally.
    expect(html).toMatch(/<table class="[^"]*\bmd:table-fixed\b/);
  });
});

describe('a credential’s own address, without /edit', () => {
  it('opens its editor', async () => {
    await expect(CredentialPage({ params: Promise.resolve({ id: 'cmabc123def456ghi789jkl0' }) })).rejects.toThrow('redirect /admin/credentials/cmabc123def456ghi789jkl0/edit');
  });

  it('is not found for anything that cannot be an id', async () => {
    for (const id of ['../settings', 'a b', 'x'.repeat(65), '', 'mc1\u0000']) {
      await expect(CredentialPage({ params: Promise.resolve({ id }) }), JSON.stringify(id)).rejects.toThrow('not found');
    }
  });
});

describe('leaving the editor with unsaved changes', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks before leaving, saying the copy stays in this browser, and writes that copy at once when the admin leaves', () => {
    const initial = { ...emptyForm(), title: 'Exit tickets', slug: 'exit-tickets', pdHours: '5' };
    renderToStaticMarkup(createElement(CredentialEditor, {
      issuers: [{ id: 'i1', name: 'Issuer' }], issuerId: 'i1', microCredentialId: 'mc1', initial,
      badgeImageKey: null, badgePreviewUrl: null, versionLabel: 'Version 1 — draft; never published', status: 'DRAFT' as const, latestIsDraft: true,
      savedAt: '2026-03-02T09:00:00.000Z', baseVersionId: 'v1',
    }));
    const [dirty, message, onLeave] = vi.mocked(useLeaveGuard).mock.calls.at(-1)!;
    // Nothing typed yet: nothing to ask about.
    expect(dirty).toBe(false);
    expect(message).toBe('You have unsaved changes to this micro-credential. Leave without saving? A copy stays in this browser, and this page offers to restore it when you come back.');
    // What was typed in the last moments is not left to the pause the copy waits for.
    const stored = new Map<string, string>();
    vi.stubGlobal('window', { localStorage: { setItem: (k: string, v: string) => stored.set(k, v), getItem: (k: string) => stored.get(k) ?? null } });
    onLeave!();
    const copy = JSON.parse(stored.get('microcred:credential-draft:mc1') ?? 'null');
    expect(copy?.form.title).toBe('Exit tickets');
    expect(copy?.base).toEqual({ versionId: 'v1', updatedAt: '2026-03-02T09:00:00.000Z' });
  });
});
