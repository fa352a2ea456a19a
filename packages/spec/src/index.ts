export * from "./primes.ts";
export * from "./run-config.ts";
export * from "./metric-keys.ts";
export * from "./run-status.ts";
export * from "./seed-summary.ts";
export * from "./sweep.ts";
export * from "./fork.ts";
