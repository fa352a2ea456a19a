import { readEnv } from "../../../env.ts";
import { skipCompression } from "../../../lib/compression.ts";

// Always proxied at request time: the API URL comes from the environment of `next start`.
export const dynamic = "force-dynamic";

/**
 * The browser's only door to the GraphQL API: forwards the POST body with the caller's
 * credentials (the HttpOnly session cookie, or a Bearer header from scripts), returns status and body.
 */
export async function POST(request: Request): Promise<Response> {
  const target = `${readEnv().apiUrl}/graphql`;
  const body = await request.text();
  const credentials: Record<string, string> = {};
  for (const name of ["cookie", "authorization"]) {
    const value = request.headers.get(name);
    if (value) credentials[name] = value;
  }
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json", ...credentials },
      body,
      cache: "no-store",
    });
  } catch {
    return Response.json(
      { errors: [{ message: `The GraphQL API is unreachable at ${target}`, extensions: { code: "API_UNREACHABLE" } }] },
      { status: 502 },
    );
  }
  // Streamed through, not read into a string and re-encoded: a compare batch answer is ~130 kB.
  // `no-transform` keeps Next from gzipping it for a browser on this machine (lib/compression.ts).
  const cacheControl = skipCompression(request.headers.get("host")) ? "no-store, no-transform" : "no-store";
  return new Response(upstream.body, {
    status: upstream.status,
    headers: { "content-type": upstream.headers.get("content-type") ?? "application/json", "cache-control": cacheControl },
  });
}
