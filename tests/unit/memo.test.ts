// lib/memo.ts: a load that began before clear() (a publish) read the data as it was; its result
// goes to its caller but is not kept, so the next reader loads afresh instead of getting the stale
// value for up to a minute.
import { describe, expect, it } from 'vitest';
import { ttlCache } from '@/lib/memo';

/** A load the test finishes when it chooses. */
function controllable<V>() {
  let finish!: (v: V) => void;
  const promise = new Promise<V>((resolve) => (finish = resolve));
  return { load: () => promise, finish };
}

describe('ttlCache', () => {
  it('keeps a loaded value until it expires', async () => {
    const cache = ttlCache<string, string>({ ttlMs: 60_000, max: 2 });
    expect(await cache.get('k', async () => 'first')).toBe('first');
    expect(await cache.get('k', async () => 'second')).toBe('first');
  });

  it('does not keep the result of a load that began before clear()', async () => {
    const cache = ttlCache<string, string>({ ttlMs: 60_000, max: 2 });
    const before = controllable<string>();
    const pending = cache.get('k', before.load);
    cache.clear();
    before.finish('before the publish');
    // Its own caller still gets it.
    expect(await pending).toBe('before the publish');
    // The next reader does not: it loads again.
    expect(await cache.get('k', async () => 'after the publish')).toBe('after the publish');
    expect(await cache.get('k', async () => 'again')).toBe('after the publish');
  });

  it('keeps the result of a load that began after clear(), even if an older one finishes later', async () => {
    const cache = ttlCache<string, string>({ ttlMs: 60_000, max: 2 });
    const older = controllable<string>();
    const newer = controllable<string>();
    const first = cache.get('k', older.load);
    cache.clear();
    const second = cache.get('k', newer.load);
    newer.finish('fresh');
    expect(await second).toBe('fresh');
    older.finish('stale');
    expect(await first).toBe('stale');
    expect(await cache.get('k', async () => 'unused')).toBe('fresh');
  });
});
