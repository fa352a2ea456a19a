import { CHART_METRIC_KEYS } from "./chart-series.ts";
import { FORECAST_FIELDS } from "./forecast.ts";

/** A page of the runs table: server-side filter and order, cursor pagination (`first` ≤ 200). */
export const RUNS_QUERY = /* GraphQL */ `
  query Runs($first: Int, $after: String, $filter: RunFilter, $orderBy: RunOrder) {
    runs(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        name
        status
        createdAt
        tags
        config { p op temperature weightDecay lr trainFraction loss model clamp { rho target } }
        progress { stepsDone stepsTotal }
        summary { finalTestAcc tMem tGrok delay grokked seeds logitScaleAtGrok }
        forecast { ${FORECAST_FIELDS} }
      }
    }
  }
`;

export const ADD_TAGS_MUTATION = /* GraphQL */ `
  mutation AddTags($runId: ID!, $tags: [String!]!) {
    addTags(runId: $runId, tags: $tags) { id tags }
  }
`;

export const REMOVE_TAGS_MUTATION = /* GraphQL */ `
  mutation RemoveTags($runId: ID!, $tags: [String!]!) {
    removeTags(runId: $runId, tags: $tags) { id tags }
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
  tags
  notes
  annotations { id step seed text author updatedAt }
  exportUrls { metricsCsv metricsJson }
  forecast { ${FORECAST_FIELDS} }
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

export const UPDATE_RUN_MUTATION = /* GraphQL */ `
  mutation UpdateRun($id: ID!, $input: UpdateRunInput!) {
    updateRun(id: $id, input: $input) { id name notes }
  }
`;

export const RERUN_MUTATION = /* GraphQL */ `
  mutation Rerun($id: ID!, $clientMutationId: String) {
    rerun(id: $id, clientMutationId: $clientMutationId) { id }
  }
`;

export const ADD_ANNOTATION_MUTATION = /* GraphQL */ `
  mutation AddAnnotation($runId: ID!, $step: Int, $text: String!) {
    addAnnotation(runId: $runId, step: $step, text: $text) { id }
  }
`;

export const UPDATE_ANNOTATION_MUTATION = /* GraphQL */ `
  mutation UpdateAnnotation($id: ID!, $text: String!) {
    updateAnnotation(id: $id, text: $text) { id }
  }
`;

export const DELETE_ANNOTATION_MUTATION = /* GraphQL */ `
  mutation DeleteAnnotation($id: ID!) {
    deleteAnnotation(id: $id)
  }
`;

/** Pushed when any run is created or changes status or progress (the runs table refetches). */
export const RUNS_CHANGED_SUBSCRIPTION = /* GraphQL */ `
  subscription RunsChanged {
    runsChanged { id }
  }
`;

/** Pushed when this run's status or progress changes, new metric points included. */
export const RUN_UPDATED_SUBSCRIPTION = /* GraphQL */ `
  subscription RunUpdated($id: ID!) {
    runUpdated(id: $id) { id }
  }
`;

/** A sweep with its cell table (medians over seeds) for the heatmap. */
export const SWEEP_QUERY = /* GraphQL */ `
  query Sweep($id: ID!) {
    sweep(id: $id) {
      id
      name
      seeds
      createdAt
      grid { field values }
      progress { total queued running succeeded failed cancelled fraction }
      cells { values tGrok tMem delay grokked seeds logitScaleAtGrok runs { id name status } }
    }
  }
`;

export const CREATE_SWEEP_MUTATION = /* GraphQL */ `
  mutation CreateSweep($input: CreateSweepInput!, $idempotencyKey: String) {
    createSweep(input: $input, idempotencyKey: $idempotencyKey) { id }
  }
`;

/** Newest sweeps with their progress, for the sweeps list. */
export const SWEEPS_QUERY = /* GraphQL */ `
  query Sweeps($first: Int) {
    sweeps(first: $first) {
      totalCount
      nodes { id name seeds createdAt progress { total succeeded running queued failed cancelled fraction } }
    }
  }
`;

/** Start a new run from this run's checkpoint at `step` (the API names a step without one). */
export const FORK_RUN_MUTATION = /* GraphQL */ `
  mutation ForkRun($runId: ID!, $step: Int!, $idempotencyKey: String) {
    forkRun(runId: $runId, step: $step, idempotencyKey: $idempotencyKey) { id }
  }
`;
