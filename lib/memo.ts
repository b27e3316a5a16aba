/**
 * A small per-process cache for derived, read-mostly data. It is only an optimisation: values
 * expire after `ttlMs`, every server keeps its own copy, and nothing relies on it for correctness.
 */
export function ttlCache<K, V>(opts: { ttlMs: number; max: number }) {
  const entries = new Map<K, { value: V; expires: number }>();
  // Bumped by clear(): a load that began before it read the data as it was, so its result is handed
  // to its caller but not kept, or it would outlive the change that cleared the cache (up to ttlMs).
  let generation = 0;
  return {
    /** Returns the cached value or loads it; a load that yields undefined is not cached. */
    async get(key: K, load: () => Promise<V>): Promise<V> {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && hit.expires > now) return hit.value;
      const started = generation;
      const value = await load();
      if (value === undefined || started !== generation) return value;
      if (entries.size >= opts.max) entries.delete(entries.keys().next().value as K);
      entries.set(key, { value, expires: now + opts.ttlMs });
      return value;
    },
    clear() {
      generation += 1;
      entries.clear();
    },
  };
}
