export * from "./worker/index.ts";
export { selectBackend } from "./backends.ts";
