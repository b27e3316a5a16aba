// Unsent copies kept in the browser (components/ui/local-draft.ts) on shared school computers: all
// under one prefix so signing out removes them, and an answer copy from an earlier visit is only
// saved by itself when the server's answer has not changed since it was typed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  LOCAL_DRAFT_PREFIX,
  adoptLegacyLocalDraft,
  clearAllLocalDrafts,
  decideLocalAnswer,
  localDraftKey,
  parseLocalAnswer,
  readLocalDraft,
} from '@/components/ui/local-draft';

/** A Storage with the browser's semantics for what these helpers use (insertion order for key(i)). */
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  constructor(entries: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(entries)) this.items.set(k, v);
  }
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, String(v));
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
  clear() {
    this.items.clear();
  }
  keys() {
    return [...this.items.keys()];
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the keys of copies kept in this browser', () => {
  it('put each form’s own key after one common prefix', () => {
    expect(LOCAL_DRAFT_PREFIX).toBe('microcred:');
    expect(localDraftKey('draft:att1:part1')).toBe('microcred:draft:att1:part1');
    expect(localDraftKey('review-draft:rev1')).toBe('microcred:review-draft:rev1');
    // The credential editor's key had the prefix already: it stays the same string.
    expect(localDraftKey('credential-draft:mc1')).toBe('microcred:credential-draft:mc1');
  });
});

describe('clearAllLocalDrafts (signing out)', () => {
  const ours = {
    'microcred:draft:att1:part1': '{"text":"My unsent answer","baseRevision":2}',
    'microcred:draft:att1:part2': '{"text":"Another","baseRevision":0}',
    'microcred:review-draft:rev1': '{"scores":{},"overallComment":"Good"}',
    'microcred:calibration-draft:u1:mc1:v1': '{"ex1":{"0":3}}',
    'microcred:credential-draft:new:iss1': '{"form":{},"badgeImageKey":null,"at":"2025-01-01T00:00:00.000Z"}',
  };
  // Keys from before the prefix, in the shapes the forms used.
  const legacy = {
    'draft:cm1abc:cm2def': 'Text typed before the upgrade',
    'review-draft:cm3ghi': '{"scores":{},"overallComment":""}',
    'calibration-draft:u1:mc1:v1': '{"ex1":{"0":2}}',
  };
  // Another tool's or the browser's keys on the same origin, some of them look-alikes.
  const others = {
    theme: 'dark',
    draft: 'x',
    'draft:only-one-part': 'x',
    'draft:a:b:c': 'x',
    'my-draft:a:b': 'x',
    'review-draft:': 'x',
    'calibration-draft:u1:mc1': 'x',
    'notmicrocred:draft:a:b': 'x',
  };

  it('removes every prefixed copy and every old copy, and leaves other keys alone', () => {
    const store = new MemoryStorage({ ...ours, ...legacy, ...others });
    clearAllLocalDrafts([store]);
    expect(store.keys().sort()).toEqual(Object.keys(others).sort());
  });

  it('removes copies that sit side by side (removing does not skip the next key)', () => {
    const store = new MemoryStorage({ theme: 'dark', ...ours, 'other:x': '1', ...legacy });
    clearAllLocalDrafts([store]);
    expect(store.keys()).toEqual(['theme', 'other:x']);
  });

  it('clears each storage it is given, even when one of them fails', () => {
    const broken = { get length(): number { throw new Error('SecurityError'); }, key: () => null, removeItem: () => undefined };
    const local = new MemoryStorage(ours);
    const session = new MemoryStorage({ 'microcred:draft:a:b': '{}', theme: 'dark' });
    expect(() => clearAllLocalDrafts([broken, local, session])).not.toThrow();
    expect(local.length).toBe(0);
    expect(session.keys()).toEqual(['theme']);
  });

  it('clears the browser’s localStorage by default, and is silent where there is none', () => {
    const store = new MemoryStorage({ ...ours, theme: 'dark' });
    vi.stubGlobal('window', { localStorage: store });
    clearAllLocalDrafts();
    expect(store.keys()).toEqual(['theme']);
    vi.unstubAllGlobals();
    // No window (the server) or storage disabled: nothing to clear, nothing thrown.
    expect(() => clearAllLocalDrafts()).not.toThrow();
    vi.stubGlobal('window', {
      get localStorage(): Storage {
        throw new Error('SecurityError');
      },
    });
    expect(() => clearAllLocalDrafts()).not.toThrow();
  });
});

describe('an answer copy found when the page loads', () => {
  const server = { text: 'Saved answer', revision: 4 };

  it('is restored and saved when it was typed on the answer the server still has', () => {
    expect(decideLocalAnswer({ text: 'Saved answer, and more', baseRevision: 4 }, server)).toBe('restore');
  });

  it('waits for the teacher when the server’s answer changed since it was typed', () => {
    // Saved from another window or computer after this copy was typed: saving it would replace that.
    expect(decideLocalAnswer({ text: 'Older text typed here', baseRevision: 3 }, server)).toBe('ask');
    expect(decideLocalAnswer({ text: 'Older text typed here', baseRevision: 0 }, { text: '', revision: 1 })).toBe('ask');
  });

  it('waits for the teacher when what it was typed on is unknown (a copy from before the change)', () => {
    expect(decideLocalAnswer({ text: 'Older text typed here', baseRevision: null }, server)).toBe('ask');
  });

  it('is nothing to restore when it is missing or the server already has that text', () => {
    expect(decideLocalAnswer(null, server)).toBe('none');
    expect(decideLocalAnswer({ text: 'Saved answer', baseRevision: 1 }, server)).toBe('none');
  });

  it('is read only when it has an answer copy’s shape', () => {
    expect(parseLocalAnswer({ text: 'Hi', baseRevision: 2 })).toEqual({ text: 'Hi', baseRevision: 2 });
    expect(parseLocalAnswer({ text: 'Hi', baseRevision: '2' })).toEqual({ text: 'Hi', baseRevision: null });
    expect(parseLocalAnswer({ text: 'Hi', baseRevision: 1.5 })).toEqual({ text: 'Hi', baseRevision: null });
    expect(parseLocalAnswer({ text: 'Hi' })).toEqual({ text: 'Hi', baseRevision: null });
    expect(parseLocalAnswer(null)).toBeNull();
    expect(parseLocalAnswer('Hi')).toBeNull();
    expect(parseLocalAnswer({ text: 3, baseRevision: 2 })).toBeNull();
  });

  it('from before the prefix is brought over once, with an unknown base, so it is not saved by itself', () => {
    const store = new MemoryStorage({ 'draft:att1:part1': 'Text typed before the upgrade' });
    vi.stubGlobal('window', { localStorage: store });
    adoptLegacyLocalDraft('draft:att1:part1', (raw) => ({ text: raw, baseRevision: null }));
    expect(store.keys()).toEqual(['microcred:draft:att1:part1']);
    const local = parseLocalAnswer(readLocalDraft(localDraftKey('draft:att1:part1')));
    expect(local).toEqual({ text: 'Text typed before the upgrade', baseRevision: null });
    expect(decideLocalAnswer(local, server)).toBe('ask');
  });

  it('from before the prefix does not replace a newer prefixed copy', () => {
    const store = new MemoryStorage({ 'review-draft:r1': '{"old":true}', 'microcred:review-draft:r1': '{"new":true}' });
    vi.stubGlobal('window', { localStorage: store });
    adoptLegacyLocalDraft('review-draft:r1');
    expect(store.keys()).toEqual(['microcred:review-draft:r1']);
    expect(readLocalDraft('microcred:review-draft:r1')).toEqual({ new: true });
  });
});
