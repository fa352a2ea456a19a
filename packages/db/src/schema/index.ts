export * from "./runs.ts";
export * from "./metrics.ts";
export * from "./events.ts";
export * from "./tags.ts";
export * from "./annotations.ts";
