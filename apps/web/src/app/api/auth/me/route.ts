import { relayAuth } from "../relay.ts";

export const dynamic = "force-dynamic";

export const GET = (request: Request): Promise<Response> => relayAuth(request, "me");
