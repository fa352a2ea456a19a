/**
 * A minimal graphql-ws client (protocol "graphql-transport-ws", as the API's `useServer` speaks:
 * https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md) for one subscription. Kept
 * dependency-free so the dashboard needs no extra package. Calls `onEvent` per `next` message,
 * `onOpen` once the server acknowledged and subscribed, `onClose` when the socket is gone or the
 * server reports an error — the caller then falls back to polling.
 */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface LiveHandlers {
  onOpen?: () => void;
  onEvent: (data: unknown) => void;
  onClose?: () => void;
}

export function subscribeLive(
  makeSocket: () => SocketLike,
  query: string,
  variables: Record<string, unknown>,
  handlers: LiveHandlers,
): () => void {
  const socket = makeSocket();
  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    handlers.onClose?.();
  };
  socket.onopen = () => socket.send(JSON.stringify({ type: "connection_init", payload: {} }));
  socket.onmessage = (ev) => {
    let message: { type?: string; id?: string; payload?: { data?: unknown } };
    try {
      message = JSON.parse(String(ev.data)) as typeof message;
    } catch {
      return;
    }
    switch (message.type) {
      case "connection_ack":
        socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query, variables } }));
        handlers.onOpen?.();
        break;
      case "ping":
        socket.send(JSON.stringify({ type: "pong" }));
        break;
      case "next":
        if (message.id === "1") handlers.onEvent(message.payload?.data);
        break;
      case "error":
      case "complete":
        socket.close(1000, "done");
        finish();
        break;
    }
  };
  socket.onerror = () => finish();
  socket.onclose = () => finish();
  return () => {
    closed = true;
    socket.onclose = null;
    socket.onerror = null;
    socket.onmessage = null;
    socket.close(1000, "unsubscribed");
  };
}

/** Coalesces bursts (a progress report per step batch) into at most one call per `ms`, trailing. */
export function throttle(fn: () => void, ms: number, schedule = setTimeout, cancel = clearTimeout): { call: () => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    call: () => {
      if (timer !== undefined) return;
      timer = schedule(() => {
        timer = undefined;
        fn();
      }, ms);
    },
    cancel: () => {
      if (timer !== undefined) cancel(timer);
      timer = undefined;
    },
  };
}
