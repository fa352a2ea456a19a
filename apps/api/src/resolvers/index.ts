import { annotationResolvers } from "./annotations.ts";
import { mutationResolvers } from "./mutation.ts";
import { runEditResolvers } from "./run-edits.ts";
import { queryResolvers } from "./query.ts";
import { runResolvers } from "./run.ts";
import { DateTime, JSONScalar } from "./scalars.ts";
import { subscriptionResolvers } from "./subscription.ts";

export const resolvers = {
  DateTime,
  JSON: JSONScalar,
  Query: queryResolvers,
  Mutation: { ...mutationResolvers, ...runEditResolvers, ...annotationResolvers },
  Subscription: subscriptionResolvers,
  Run: runResolvers,
};
