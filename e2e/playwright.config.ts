import { defineConfig } from "@playwright/test";

/**
 * Journeys run against the real system started by global-setup.ts (embedded PostgreSQL, API,
 * worker, production dashboard) in Debian's Chromium.
 */
export default defineConfig({
  testDir: "./journeys",
  outputDir: "./artifacts/test-results",
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  globalSetup: "./global-setup.ts",
  use: {
    baseURL: process.env.GROKSCOPE_E2E_URL,
    viewport: { width: 1366, height: 900 },
    // Every journey leaves a screenshot of its final state under artifacts/ (a CI artefact).
    screenshot: "on",
    trace: "off",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
});
