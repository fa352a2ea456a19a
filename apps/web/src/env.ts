/**
 * The only place the dashboard reads process.env (DESIGN.md §7). Read at request time, so one
 * production build serves whichever API `grokscope start` points it at.
 */
export interface WebEnv {
  /** Base URL of the GraphQL API, without the `/graphql` path and without a trailing slash. */
  apiUrl: string;
  /**
   * graphql-ws endpoint the browser opens for live updates: GROKSCOPE_PUBLIC_WS_URL, else the API's
   * own /graphql as ws(s):// (right when the browser runs where the API does, as with
   * `grokscope start`). If the browser cannot reach it, the dashboard falls back to polling.
   */
  wsUrl: string;
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
  const apiUrl = `${url.origin}${path}`;
  return { apiUrl, wsUrl: parseWsUrl(env.GROKSCOPE_PUBLIC_WS_URL, apiUrl) };
}

function parseWsUrl(raw: string | undefined, apiUrl: string): string {
  const value = raw?.trim();
  if (!value) return `${apiUrl.replace(/^http/, "ws")}/graphql`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`GROKSCOPE_PUBLIC_WS_URL must be an absolute ws(s) URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "ws:" && url.protocol !== "wss:") throw new Error(`GROKSCOPE_PUBLIC_WS_URL must use ws or wss, got ${JSON.stringify(value)}`);
  return url.toString();
}

export const readEnv = (): WebEnv => parseEnv(process.env);
