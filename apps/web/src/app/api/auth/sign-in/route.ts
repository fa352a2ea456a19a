import { relayAuth, safeNext } from "../relay.ts";

export const dynamic = "force-dynamic";

/**
 * JSON from the sign-in page's script; a plain form post (no JavaScript) gets a 303 back to the
 * page it came for, or to /sign-in with an error flag.
 */
export async function POST(request: Request): Promise<Response> {
  const isForm = (request.headers.get("content-type") ?? "").includes("application/x-www-form-urlencoded");
  if (!isForm) return relayAuth(request, "sign-in", await request.text());
  const form = await request.formData();
  const next = safeNext(form.get("next"));
  const upstream = await relayAuth(request, "sign-in", JSON.stringify({ name: form.get("name"), password: form.get("password") }));
  const location = upstream.ok ? next : `/sign-in?error=1&next=${encodeURIComponent(next)}`;
  const headers = new Headers({ location });
  for (const c of upstream.headers.getSetCookie()) headers.append("set-cookie", c);
  return new Response(null, { status: 303, headers });
}
