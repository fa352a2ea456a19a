import { readEnv } from "../../../env.ts";

/**
 * Forwards a request to the API's /auth/<path> with the browser's cookie and scheme, and relays
 * status, JSON body and Set-Cookie: the session cookie is set for the dashboard's own origin.
 */
export async function relayAuth(request: Request, path: "sign-in" | "sign-out" | "me", body?: string): Promise<Response> {
  const target = `${readEnv().apiUrl}/auth/${path}`;
  const headers: Record<string, string> = { "x-forwarded-proto": new URL(request.url).protocol.replace(":", "") };
  const cookie = request.headers.get("cookie");
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers["content-type"] = "application/json";
  let upstream: Response;
  try {
    upstream = await fetch(target, { method: path === "me" ? "GET" : "POST", headers, body, cache: "no-store" });
  } catch {
    return Response.json({ error: { code: "API_UNREACHABLE", message: "The API is unreachable" } }, { status: 502 });
  }
  const relayed = new Headers({ "content-type": "application/json", "cache-control": "no-store" });
  for (const c of upstream.headers.getSetCookie()) relayed.append("set-cookie", c);
  return new Response(await upstream.text(), { status: upstream.status, headers: relayed });
}

/** Where to go after signing in: only a same-site path, never another origin. */
export const safeNext = (raw: unknown) => (typeof raw === "string" && raw.startsWith("/") && !raw.startsWith("//") ? raw : "/");
