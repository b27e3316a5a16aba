/**
 * A small per-process cache for derived, read-mostly data. It is only an optimisation: values
 * expire after `ttlMs`, every server keeps its own copy, and nothing relies on it for correctness.
 */
export function ttlCache<K, V>(opts: { ttlMs: number; max: number }) {
  const entries = new Map<K, { value: V; expires: number }>();
  return {
    /** Returns the cached value or loads it; a load that yields undefined is not cached. */
    async get(key: K, load: () => Promise<V>): Promise<V> {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && hit.expires > now) return hit.value;
      const value = await load();
      if (value === undefined) return value;
      if (entries.size >= opts.max) entries.delete(entries.keys().next().value as K);
      entries.set(key, { value, expires: now + opts.ttlMs });
      return value;
    },
    clear() {
      entries.clear();
    },
  };
}
