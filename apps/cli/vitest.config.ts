import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Tests that start the API (db-restart) need graphql loaded once, as in apps/api/vitest.config.ts.
  resolve: { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve("graphql") }] },
  test: {
    globalSetup: ["../../packages/db/src/testing/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
