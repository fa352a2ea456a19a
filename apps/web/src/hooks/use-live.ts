"use client";

import { useEffect, useRef, useState } from "react";
import { subscribeLive, throttle, type SocketLike } from "../lib/live-socket.ts";

let wsUrlPromise: Promise<string | null> | null = null;
/** The socket URL from /api/live, asked once per page load. */
const liveUrl = () =>
  (wsUrlPromise ??= fetch("/api/live", { cache: "no-store" })
    .then((r) => (r.ok ? (r.json() as Promise<{ wsUrl?: string }>) : {}))
    .then((body) => ("wsUrl" in body && typeof body.wsUrl === "string" ? body.wsUrl : null))
    .catch(() => null));

const RETRY_MS = 10_000;

/**
 * Calls `onChange` (at most every `throttleMs`) whenever the API pushes the subscription `query`.
 * Returns whether the socket is up: callers poll fast while it is not (the fallback) and slowly
 * while it is. A dropped socket is retried every 10 s. `key` names the subscription's identity.
 */
export function useLive(query: string, variables: Record<string, unknown>, key: string, onChange: () => void, throttleMs = 300): boolean {
  const [live, setLive] = useState(false);
  const changeRef = useRef(onChange);
  const varsRef = useRef(variables);
  useEffect(() => {
    changeRef.current = onChange;
    varsRef.current = variables;
  });

  useEffect(() => {
    if (typeof WebSocket === "undefined") return;
    let stop: (() => void) | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let disposed = false;
    const coalesced = throttle(() => changeRef.current(), throttleMs);
    const connect = async () => {
      const url = await liveUrl();
      if (disposed || url == null) return;
      stop = subscribeLive(() => new WebSocket(url, "graphql-transport-ws") as unknown as SocketLike, query, varsRef.current, {
        onOpen: () => setLive(true),
        onEvent: () => coalesced.call(),
        onClose: () => {
          setLive(false);
          if (!disposed) retry = setTimeout(() => void connect(), RETRY_MS);
        },
      });
    };
    void connect();
    return () => {
      disposed = true;
      stop?.();
      clearTimeout(retry);
      coalesced.cancel();
      setLive(false);
    };
  }, [query, key, throttleMs]);

  return live;
}
