import { startGrokscope } from "./system.ts";

/** One system for all journeys (those that need one of their own start it themselves). */
export default async function globalSetup() {
  const system = await startGrokscope();
  process.env.GROKSCOPE_E2E_URL = system.url;
  return () => system.stop();
}
