/**
 * A minimal per-request DataLoader: keys asked for in the same tick are fetched with one query.
 * A page of 200 runs selecting `tags` thus costs one query, not 200.
 */
export function createBatchLoader<V>(fetchMany: (keys: readonly string[]) => Promise<Map<string, V>>, fallback: () => V) {
  let pending: { keys: Set<string>; result: Promise<Map<string, V>> } | undefined;
  return (key: string): Promise<V> => {
    if (!pending) {
      const keys = new Set<string>();
      // Resolve after the current tick so sibling resolvers can join the batch.
      const result = new Promise<void>((r) => setImmediate(r)).then(() => {
        pending = undefined;
        return fetchMany([...keys]);
      });
      pending = { keys, result };
    }
    pending.keys.add(key);
    return pending.result.then((m) => m.get(key) ?? fallback());
  };
}
