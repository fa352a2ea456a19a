export * from "./runs.ts";
export * from "./metrics.ts";
export * from "./events.ts";
