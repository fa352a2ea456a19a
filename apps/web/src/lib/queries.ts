import { CHART_METRIC_KEYS } from "./chart-series.ts";

/** Most recent runs for the table (newest first; the API caps `first` at 200). */
export const RUNS_QUERY = /* GraphQL */ `
  query Runs($first: Int) {
    runs(first: $first) {
      totalCount
      nodes {
        id
        name
        status
        createdAt
        config { p temperature loss }
        progress { stepsDone stepsTotal }
        summary { finalTestAcc tMem tGrok }
      }
    }
  }
`;

const RUN_FIELDS = /* GraphQL */ `
  id
  name
  status
  backend
  worker
  createdAt
  startedAt
  finishedAt
  error
  cancelRequested
  config { p op trainFraction lr weightDecay temperature loss steps evalEvery seed model backend }
  progress { stepsDone stepsTotal fraction msPerStep etaSeconds }
  summary { tMem tGrok delay logitScaleAtGrok finalTrainAcc finalTestAcc }
`;

/** One run with its chart series, downsampled by the API to at most `maxPoints` per series. */
export const RUN_QUERY = /* GraphQL */ `
  query Run($id: ID!, $keys: [String!], $fromStep: Int, $toStep: Int, $maxPoints: Int) {
    run(id: $id) {
      ${RUN_FIELDS}
      metrics(keys: $keys, fromStep: $fromStep, toStep: $toStep, maxPoints: $maxPoints) { key seed points { step value min max } }
    }
  }
`;

/** Variables of RUN_QUERY; a zoomed step range re-buckets the same 1000 points over fewer steps. */
export const runQueryVariables = (id: string, range: readonly [number, number] | null = null) => ({
  id,
  keys: [...CHART_METRIC_KEYS],
  maxPoints: 1000,
  ...(range ? { fromStep: range[0], toStep: range[1] } : {}),
});

export const CREATE_RUN_MUTATION = /* GraphQL */ `
  mutation CreateRun($input: CreateRunInput!) {
    createRun(input: $input) { id status }
  }
`;

export const CANCEL_RUN_MUTATION = /* GraphQL */ `
  mutation CancelRun($id: ID!) {
    cancelRun(id: $id) { id status cancelRequested }
  }
`;

/** A run as the compare view needs it: identity, key config, events and one metric. */
export const COMPARE_RUN_QUERY = /* GraphQL */ `
  query CompareRun($id: ID!, $keys: [String!], $maxPoints: Int) {
    run(id: $id) {
      id
      name
      status
      config { p temperature weightDecay loss lr trainFraction }
      summary { tMem tGrok }
      metrics(keys: $keys, maxPoints: $maxPoints) { key seed points { step value min max } }
    }
  }
`;
