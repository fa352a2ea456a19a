import { signInRedirect } from "./sign-in-redirect.ts";
import type { GraphQLErrorItem } from "./types.ts";

/** Thrown when the API answers with GraphQL errors (or not at all); keeps the coded errors. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly errors: GraphQLErrorItem[],
    readonly status: number,
  ) {
    super(message);
    this.name = "GraphQLRequestError";
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorItem[];
}

/** Same-origin endpoint: the Next route handler proxies to the API (the browser never calls it). */
export const GRAPHQL_ENDPOINT = "/api/graphql";

export async function graphqlRequest<T>(
  query: string,
  variables: Record<string, unknown> = {},
  options: { signal?: AbortSignal; endpoint?: string; fetchImpl?: typeof fetch } = {},
): Promise<T> {
  const doFetch = options.fetchImpl ?? fetch;
  const response = await doFetch(options.endpoint ?? GRAPHQL_ENDPOINT, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
    signal: options.signal,
    cache: "no-store",
  });
  let payload: GraphQLResponse<T>;
  try {
    payload = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new GraphQLRequestError(`The API answered ${response.status} without a GraphQL body`, [], response.status);
  }
  if (payload.errors?.length) {
    const signIn = typeof window === "undefined" ? null : signInRedirect(payload.errors, window.location);
    if (signIn) window.location.assign(signIn);
    throw new GraphQLRequestError(payload.errors.map((e) => e.message).join("; "), payload.errors, response.status);
  }
  if (payload.data == null) {
    throw new GraphQLRequestError(`The API answered ${response.status} without data`, [], response.status);
  }
  return payload.data;
}

/** A short human message for any thrown value. */
export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === "string" ? error : "Unknown error";
