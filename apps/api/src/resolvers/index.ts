import { mutationResolvers } from "./mutation.ts";
import { queryResolvers } from "./query.ts";
import { runResolvers } from "./run.ts";
import { DateTime, JSONScalar } from "./scalars.ts";
import { subscriptionResolvers } from "./subscription.ts";

export const resolvers = {
  DateTime,
  JSON: JSONScalar,
  Query: queryResolvers,
  Mutation: mutationResolvers,
  Subscription: subscriptionResolvers,
  Run: runResolvers,
};
