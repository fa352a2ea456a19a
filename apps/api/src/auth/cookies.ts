import type { IncomingHttpHeaders } from "node:http";

export const SESSION_COOKIE = "grokscope_session";

/** The value of one cookie from a Cookie header (undefined when absent or malformed). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * HTTPS as the browser sees it. A reverse proxy (or the dashboard's route handler) says so in
 * X-Forwarded-Proto; trusting it is harmless here because it can only make the cookie stricter.
 */
export const isHttps = (headers: IncomingHttpHeaders, encrypted: boolean) =>
  encrypted || String(headers["x-forwarded-proto"] ?? "").split(",")[0]?.trim() === "https";

/** HttpOnly so page scripts cannot read it; SameSite=Lax blocks cross-site POSTs (CSRF). */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const attrs = [`${SESSION_COOKIE}=${encodeURIComponent(token)}`, "Path=/", "HttpOnly", "SameSite=Lax", `Expires=${expiresAt.toUTCString()}`];
  if (secure) attrs.push("Secure");
  return attrs.join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie("", new Date(0), secure).replace("Expires=", "Max-Age=0; Expires=");
}
