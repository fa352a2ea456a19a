import pg from "pg";
import { RUN_CHANNEL } from "./queries/notify.ts";

export interface RunChangeListener {
  close(): Promise<void>;
}

/**
 * LISTENs for run changes on a dedicated connection. If the server goes away (restart, network)
 * it reconnects with exponential back-off, then calls `onReconnect` so callers can refresh
 * whatever they may have missed while deaf.
 */
export function listenForRunChanges(
  url: string,
  onChange: (runId: string) => void,
  options: { onReconnect?: () => void; log?: (msg: string) => void } = {},
): RunChangeListener {
  let client: pg.Client | undefined;
  let closed = false;
  let delayMs = 250;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (isReconnect: boolean) => {
    if (closed) return;
    const c = new pg.Client({ connectionString: url, application_name: "grokscope-listener" });
    c.on("notification", (msg) => msg.payload && onChange(msg.payload));
    c.on("error", () => scheduleReconnect(c));
    c.on("end", () => scheduleReconnect(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${RUN_CHANNEL}`);
      client = c;
      delayMs = 250;
      if (isReconnect) options.onReconnect?.();
    } catch {
      scheduleReconnect(c);
    }
  };

  const scheduleReconnect = (c: pg.Client) => {
    if (closed || timer || (client && client !== c)) return;
    client = undefined;
    c.end().catch(() => {});
    options.log?.(`listener lost its connection; retrying in ${delayMs} ms`);
    timer = setTimeout(() => {
      timer = undefined;
      void connect(true);
    }, delayMs);
    delayMs = Math.min(delayMs * 2, 10_000);
  };

  void connect(false);
  return {
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
