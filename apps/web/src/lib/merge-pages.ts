/**
 * Merges a refreshed first page into the rows already loaded: the head is replaced, deeper rows
 * are kept (their keyset cursors stay valid) minus any that moved into the head, so a run never
 * shows twice while the table refreshes.
 */
export function mergeHead<T extends { id: string }>(loaded: readonly T[], head: readonly T[], headSize: number): T[] {
  const inHead = new Set(head.map((r) => r.id));
  return [...head, ...loaded.slice(headSize).filter((r) => !inHead.has(r.id))];
}

/** Appends a further page, skipping rows already present (a run may have moved between fetches). */
export function appendPage<T extends { id: string }>(loaded: readonly T[], page: readonly T[]): T[] {
  const seen = new Set(loaded.map((r) => r.id));
  return [...loaded, ...page.filter((r) => !seen.has(r.id))];
}
