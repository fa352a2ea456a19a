/**
 * Resolves once `url` answers any HTTP response (the Next.js server listens a moment after it is
 * spawned; printing its URL earlier would hand users and scripts a refused connection).
 * Rejects after `timeoutMs`, or as soon as `abort` says the server is gone.
 */
export async function waitForHttp(url: string, options: { timeoutMs?: number; abort?: () => boolean } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    try {
      await fetch(url, { method: "HEAD", signal: AbortSignal.timeout(5_000) });
      return;
    } catch (error) {
      if (options.abort?.()) throw new Error(`${url} stopped before it answered`);
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${options.timeoutMs ?? 120_000} ms: ${String(error)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
