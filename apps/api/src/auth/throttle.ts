/**
 * Failed sign-ins per user name in a sliding window, in memory (one API process). Bounds password
 * guessing and the scrypt CPU an attacker can make the server spend.
 */
export function createSignInThrottle(maxFailures = 10, windowMs = 15 * 60_000, now = () => Date.now()) {
  const failures = new Map<string, number[]>();
  const recent = (name: string) => (failures.get(name) ?? []).filter((t) => now() - t < windowMs);
  return {
    /** Seconds until the next attempt is allowed (0 = allowed now). */
    retryAfter(name: string): number {
      const times = recent(name);
      if (times.length < maxFailures) return 0;
      return Math.ceil((times[0]! + windowMs - now()) / 1000);
    },
    fail(name: string) {
      const times = recent(name);
      times.push(now());
      failures.set(name, times);
      // Keep memory bounded under a flood of random names.
      if (failures.size > 10_000) failures.delete(failures.keys().next().value!);
    },
    succeed: (name: string) => void failures.delete(name),
  };
}
