import { defineConfig } from "vitest/config";

// Pure chart/format logic only: node environment, sources under src/, never the .next build output.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**"],
    environment: "node",
  },
});
