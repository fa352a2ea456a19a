/**
 * The only place the dashboard reads process.env (DESIGN.md §7). Read at request time, so one
 * production build serves whichever API `grokscope start` points it at.
 */
export interface WebEnv {
  /** Base URL of the GraphQL API, without the `/graphql` path and without a trailing slash. */
  apiUrl: string;
}

export const DEFAULT_API_URL = "http://127.0.0.1:4000";

export function parseEnv(env: Record<string, string | undefined>): WebEnv {
  const raw = env.GROKSCOPE_API_URL?.trim() || DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`GROKSCOPE_API_URL must be an absolute http(s) URL, got ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`GROKSCOPE_API_URL must use http or https, got ${JSON.stringify(raw)}`);
  }
  // Accept both "http://host:4000" and "http://host:4000/graphql".
  const path = url.pathname.replace(/\/+$/, "").replace(/\/graphql$/, "");
  return { apiUrl: `${url.origin}${path}` };
}

export const readEnv = (): WebEnv => parseEnv(process.env);
