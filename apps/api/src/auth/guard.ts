import { defaultFieldResolver, type GraphQLFieldConfig, type GraphQLObjectType, type GraphQLSchema } from "graphql";
import type { Role } from "@grokscope/db";
import type { Caller } from "./caller.ts";
import { requireRole } from "./roles.ts";

/** Root fields anyone may call: `me` answers null for an anonymous caller instead of failing. */
const PUBLIC_FIELDS = new Set(["Query.me"]);

/** User and token management (any root field naming users or tokens) is for admins only. */
const isManagement = (field: string) => field !== "me" && /user|token/i.test(field);

export function roleFor(rootType: "Query" | "Mutation" | "Subscription", field: string): Role | null {
  if (PUBLIC_FIELDS.has(`${rootType}.${field}`)) return null;
  if (isManagement(field)) return "admin";
  return rootType === "Mutation" ? "editor" : "viewer";
}

type Guarded = GraphQLFieldConfig<unknown, { caller: Caller }>["resolve"];

/**
 * Wraps every root field of the built schema, so resolvers added later are covered without
 * anyone remembering a decorator. The check runs before the resolver: a refused mutation writes nothing.
 */
export function guardSchema(schema: GraphQLSchema): GraphQLSchema {
  const roots: [("Query" | "Mutation" | "Subscription"), GraphQLObjectType | null | undefined][] = [
    ["Query", schema.getQueryType()],
    ["Mutation", schema.getMutationType()],
    ["Subscription", schema.getSubscriptionType()],
  ];
  for (const [rootName, type] of roots) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const needed = roleFor(rootName, field.name);
      const check = (ctx: { caller: Caller }) => {
        if (needed) requireRole(ctx.caller, needed);
        else if (ctx.caller.invalidCredentials) requireRole(ctx.caller, "viewer");
      };
      const resolve: Guarded = field.resolve ?? defaultFieldResolver;
      field.resolve = (src, args, ctx, info) => (check(ctx), resolve(src, args, ctx, info));
      if (field.subscribe) {
        const subscribe = field.subscribe;
        field.subscribe = (src, args, ctx, info) => (check(ctx), subscribe(src, args, ctx, info));
      }
    }
  }
  return schema;
}
