/** Index of the point whose x is nearest to `x` in an x-sorted array (binary search); -1 if empty. */
export function nearestIndex(xs: readonly { x: number }[], x: number): number {
  if (xs.length === 0 || !Number.isFinite(x)) return -1;
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]!.x < x) lo = mid + 1;
    else hi = mid;
  }
  // lo is the first point at or after x; its left neighbour may be nearer.
  if (lo > 0 && Math.abs(xs[lo - 1]!.x - x) <= Math.abs(xs[lo]!.x - x)) return lo - 1;
  return lo;
}
