import { readEnv } from "../../../../env.ts";

export const dynamic = "force-dynamic";

/** Streams the API's export downloads (`/export/...`) to the browser with the caller's credentials. */
export async function GET(request: Request, context: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { path } = await context.params;
  if (path.some((part) => part === ".." || part === "")) return new Response("Bad export path", { status: 400 });
  const search = new URL(request.url).search;
  const target = `${readEnv().apiUrl}/export/${path.map(encodeURIComponent).join("/")}${search}`;
  const headers: Record<string, string> = {};
  for (const name of ["cookie", "authorization"]) {
    const value = request.headers.get(name);
    if (value) headers[name] = value;
  }
  let upstream: Response;
  try {
    upstream = await fetch(target, { headers, cache: "no-store" });
  } catch {
    return new Response(`The API is unreachable at ${target}`, { status: 502 });
  }
  const out = new Headers({ "cache-control": "no-store" });
  for (const name of ["content-type", "content-disposition"]) {
    const value = upstream.headers.get(name);
    if (value) out.set(name, value);
  }
  return new Response(upstream.body, { status: upstream.status, headers: out });
}
