import type { Caller } from "./caller.ts";

/** Resolvers of apps/api/auth.graphql. */
export const authResolvers = {
  Query: {
    me: (_: unknown, __: unknown, ctx: { caller: Caller }) => (ctx.caller.user ? { name: ctx.caller.user.name, role: ctx.caller.user.role.toUpperCase() } : null),
  },
};
