import { EventEmitter, on } from "node:events";
import { listenForRunChanges } from "@grokscope/db";

/**
 * Fans PostgreSQL NOTIFY messages out to subscriptions in this process. Because the source is
 * the database, changes made by workers or API instances on other machines arrive too.
 */
export interface RunChangeHub {
  /** Async stream of changed run ids; ends when the consumer stops iterating. */
  subscribe(signal?: AbortSignal): AsyncIterable<string>;
  /** Calls `listener` with every changed run id ("*" after a reconnect); returns the unsubscribe. */
  onChange(listener: (runId: string) => void): () => void;
  close(): Promise<void>;
}

export function createRunChangeHub(databaseUrl: string, log?: (msg: string) => void): RunChangeHub {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const listener = listenForRunChanges(databaseUrl, (runId) => emitter.emit("change", runId), {
    log,
    // Notifications sent while we were disconnected are lost; "*" tells subscribers to refresh.
    onReconnect: () => emitter.emit("change", "*"),
  });
  return {
    subscribe: (signal) => {
      const iterator = on(emitter, "change", { signal });
      return {
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            const r = await iterator.next();
            return r.done ? { done: true, value: undefined } : { done: false, value: (r.value as [string])[0] };
          },
          return: async () => {
            await iterator.return?.();
            return { done: true, value: undefined };
          },
        }),
      };
    },
    onChange: (callback) => {
      emitter.on("change", callback);
      return () => void emitter.off("change", callback);
    },
    close: () => listener.close(),
  };
}
