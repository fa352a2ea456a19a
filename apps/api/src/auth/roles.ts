import { GraphQLError } from "graphql";
import type { Role } from "@grokscope/db";
import type { Caller } from "./caller.ts";

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

export const unauthenticated = () =>
  new GraphQLError("authentication required: send a valid API token or sign in", { extensions: { code: "UNAUTHENTICATED" } });

export const forbidden = (needed: Role) => new GraphQLError(`this operation needs the ${needed} role`, { extensions: { code: "FORBIDDEN" } });

/** Throws UNAUTHENTICATED (no or bad credentials) or FORBIDDEN (role too low). */
export function requireRole(caller: Caller, needed: Role): void {
  if (caller.invalidCredentials || !caller.user) throw unauthenticated();
  if (RANK[caller.user.role] < RANK[needed]) throw forbidden(needed);
}
