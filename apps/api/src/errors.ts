import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { isDatabaseUnavailable } from "@grokscope/db";

/** Coded errors (DESIGN.md §6): clients branch on extensions.code, never on messages. */
export const badUserInput = (field: string, message: string, issues?: { field: string; message: string }[]) =>
  new GraphQLError(message.startsWith(field) ? message : `${field}: ${message}`, {
    extensions: { code: "BAD_USER_INPUT", field, ...(issues ? { issues } : {}) },
  });

export const notFound = (what: string) => new GraphQLError(`${what} not found`, { extensions: { code: "NOT_FOUND" } });

export const conflict = (message: string) => new GraphQLError(message, { extensions: { code: "CONFLICT" } });

/** What a client sees while PostgreSQL is unreachable: retryable, coded, HTTP 503, no internals. */
export const SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
const UNAVAILABLE_MESSAGE = "the database is unavailable; retry shortly";
export const serviceUnavailable = () =>
  new GraphQLError(UNAVAILABLE_MESSAGE, { extensions: { code: SERVICE_UNAVAILABLE, http: { status: 503 } } });

/** Apollo formatError step: recodes a resolver's database outage as SERVICE_UNAVAILABLE. */
export function formatUnavailable(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | undefined {
  if (!isDatabaseUnavailable(error)) return undefined;
  return { message: UNAVAILABLE_MESSAGE, path: formatted.path, extensions: { code: SERVICE_UNAVAILABLE } };
}

// PostgreSQL cannot store U+0000 in text (SQLSTATE 22021) or in jsonb (22P05); any string argument
// may carry one, so the database's refusal is the single place that catches them all.
const UNSTORABLE_TEXT_CODES = new Set(["22021", "22P05"]);

/** True when `error` (or its cause chain) is PostgreSQL refusing a character it cannot store. */
export function isUnstorableText(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 8; depth++) {
    const { code } = e as { code?: unknown };
    if (typeof code === "string" && UNSTORABLE_TEXT_CODES.has(code)) return true;
    e = (e as { originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Apollo formatError step: a NUL character in an argument is the caller's mistake, not a 500. */
export function formatUnstorableText(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | undefined {
  if (!isUnstorableText(error)) return undefined;
  return { message: "text must not contain the NUL character (U+0000)", path: formatted.path, extensions: { code: "BAD_USER_INPUT" } };
}
