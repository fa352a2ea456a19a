import { readEnv } from "../../../env.ts";

export const dynamic = "force-dynamic";

/** Where the browser opens its graphql-ws socket (read at request time, like the API URL). */
export function GET(): Response {
  return Response.json({ wsUrl: readEnv().wsUrl }, { headers: { "cache-control": "no-store" } });
}
