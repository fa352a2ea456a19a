/**
 * Whether an answer to a browser that reached the dashboard at `host` (the request's Host
 * header) may be left uncompressed. On loopback the bytes never leave the machine, and gzip only
 * costs CPU on both ends of one machine: for a 100-run compare view (~1.3 MB of series) that was
 * ~150 ms of the page's time (e2e/bench/dashboard.ts). A browser on another machine keeps gzip.
 */
export function skipCompression(host: string | null): boolean {
  if (!host) return false;
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d+$/, "");
  return /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(name);
}
