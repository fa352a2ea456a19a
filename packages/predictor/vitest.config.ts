import { defineConfig } from "vitest/config";

// Two projects: the package's pure functions (no database), and the bench's database export,
// which needs the embedded PostgreSQL of packages/db (started only when that project runs).
// The learned forecaster trains small tfjs models on the cpu backend: slow on a shared machine.
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["src/**/*.test.ts"], testTimeout: 120_000 } },
      {
        test: {
          name: "db",
          include: ["bench/**/*.test.ts"],
          globalSetup: ["../db/src/testing/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
