import { relayAuth } from "../relay.ts";

export const dynamic = "force-dynamic";

export const POST = (request: Request): Promise<Response> => relayAuth(request, "sign-out", "{}");
