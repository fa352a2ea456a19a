"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export interface PollingState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetch now and resume polling (e.g. after a mutation). */
  refresh: () => void;
}

/**
 * Fetches, then fetches again `intervalMs` after each answer while `keepGoing(data)` says so.
 * Timers chain (never overlap), errors keep polling (the API may still be starting), and
 * everything in flight is aborted on unmount.
 */
export function usePolling<T>(
  fetcher: (signal: AbortSignal) => Promise<T>,
  intervalMs: number,
  keepGoing: (data: T) => boolean = () => true,
): PollingState<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [generation, setGeneration] = useState(0);
  const fetcherRef = useRef(fetcher);
  const keepGoingRef = useRef(keepGoing);
  useEffect(() => {
    fetcherRef.current = fetcher;
    keepGoingRef.current = keepGoing;
  });

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      let again = true;
      try {
        const data = await fetcherRef.current(controller.signal);
        if (controller.signal.aborted) return;
        setState({ data, error: undefined, loading: false });
        again = keepGoingRef.current(data);
      } catch (error) {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, error, loading: false }));
      }
      if (again) timer = setTimeout(() => void tick(), intervalMs);
    };
    void tick();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [intervalMs, generation]);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, refresh };
}
