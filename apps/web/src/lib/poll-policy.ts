import type { RunStatus } from "./types.ts";

/**
 * Whether the run page polls again. While QUEUED or RUNNING: yes. Once a terminal status is
 * seen, exactly one more fetch follows (the worker's last metric batch may land just after the
 * status flips), then polling stops. A missing run (null) stops at once.
 */
export function shouldPollAgain(status: RunStatus | null, terminalFetchesSoFar: number): boolean {
  if (status === null) return false;
  if (status === "QUEUED" || status === "RUNNING") return true;
  return terminalFetchesSoFar < 2;
}
