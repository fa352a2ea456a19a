/**
 * The API hands out export links relative to its own origin (`/export/...`), which the browser
 * cannot reach; the dashboard serves them through its proxy at `/api/export/...`.
 * Returns null for anything that is not an export path (never proxy arbitrary URLs).
 */
export function proxiedExportUrl(apiLink: string): string | null {
  let path: string;
  try {
    const url = new URL(apiLink, "http://api.invalid");
    path = `${url.pathname}${url.search}`;
  } catch {
    return null;
  }
  if (!path.startsWith("/export/") || path.includes("..")) return null;
  return `/api${path}`;
}
