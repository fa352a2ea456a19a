import { Kind, parse, type OperationTypeNode } from "graphql";

/**
 * Identical read requests that arrive while one of them is being answered share that answer.
 *
 * Why: every open dashboard refetches the same runs-table query when a runsChanged notification
 * arrives (use-live.ts), so the API sees bursts of byte-identical reads; answering each one
 * separately multiplies the same SQL and JSON work by the number of open tabs.
 *
 * What a shared answer may miss: only a write that committed after the shared execution began,
 * i.e. at most one request's duration. Every change this process learns of — a mutation it
 * answered, or a run-change NOTIFY from any worker or API process — starts a new generation, and
 * later requests never join an execution of an older one, so a client still reads its own writes.
 * Nothing is kept once the execution ends: this is coalescing, not a cache.
 */
export interface ReadCoalescer {
  /** Runs `execute` unless an identical read of the current generation is already running. */
  share<T>(key: string, execute: () => Promise<T>): Promise<T>;
  /** Something changed: requests from now on start their own executions. */
  invalidate(): void;
  /** Executions currently shared (for tests and diagnostics). */
  readonly inFlight: number;
}

export function createReadCoalescer(): ReadCoalescer {
  const running = new Map<string, Promise<unknown>>();
  let generation = 0;
  return {
    share<T>(key: string, execute: () => Promise<T>): Promise<T> {
      const k = `${generation}\u0000${key}`;
      const existing = running.get(k) as Promise<T> | undefined;
      if (existing) return existing;
      const result = execute().finally(() => running.delete(k));
      running.set(k, result);
      return result;
    },
    invalidate: () => void generation++,
    get inFlight() {
      return running.size;
    },
  };
}

const MAX_DOCUMENT_CHARS = 20_000;
const MAX_REMEMBERED = 500;
const operationTypes = new Map<string, Map<string | null, OperationTypeNode> | null>();

/**
 * The type (query, mutation, subscription) of the operation a request would run, or null when
 * it cannot tell (a syntax error, an unknown or ambiguous operation name: Apollo reports those).
 * Parsed documents are remembered by text, as clients send the same few documents over and over.
 */
export function operationTypeOf(document: string, operationName: string | null | undefined): OperationTypeNode | null {
  if (document.length > MAX_DOCUMENT_CHARS) return null;
  let types = operationTypes.get(document);
  if (types === undefined) {
    try {
      const ops = parse(document).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
      types = new Map(ops.map((op) => [op.name?.value ?? null, op.operation]));
    } catch {
      types = null;
    }
    if (operationTypes.size >= MAX_REMEMBERED) operationTypes.delete(operationTypes.keys().next().value!);
    operationTypes.set(document, types);
  }
  if (!types) return null;
  if (operationName) return types.get(operationName) ?? null;
  return types.size === 1 ? types.values().next().value! : null;
}
