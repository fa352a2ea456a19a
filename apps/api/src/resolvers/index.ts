import { annotationResolvers } from "./annotations.ts";
import { forkRun } from "./fork.ts";
import { runForecastResolvers } from "./forecast.ts";
import { mutationResolvers } from "./mutation.ts";
import { runEditResolvers } from "./run-edits.ts";
import { predictorQueryResolvers } from "./predictor.ts";
import { queryResolvers } from "./query.ts";
import { runResolvers } from "./run.ts";
import { DateTime, JSONScalar } from "./scalars.ts";
import { bucketedSeriesResolvers } from "./series.ts";
import { subscriptionResolvers } from "./subscription.ts";
import { sweepMutationResolvers, sweepQueryResolvers, sweepResolvers } from "./sweep.ts";

export const resolvers = {
  DateTime,
  JSON: JSONScalar,
  Query: { ...queryResolvers, ...sweepQueryResolvers, ...predictorQueryResolvers },
  Mutation: { ...mutationResolvers, ...runEditResolvers, ...annotationResolvers, ...sweepMutationResolvers, forkRun },
  Subscription: subscriptionResolvers,
  Run: { ...runResolvers, ...runForecastResolvers },
  Sweep: sweepResolvers,
  BucketedSeries: bucketedSeriesResolvers,
};
