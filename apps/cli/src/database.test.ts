import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRun, getRun } from "@grokscope/db";
import { parseRunConfig } from "@grokscope/spec";
import { openDatabase } from "./database.ts";
import { readCliEnv } from "./env.ts";
import { writeRegistryFile } from "./registry-url.ts";

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe("openDatabase without DATABASE_URL", () => {
  it("starts an embedded server whose runs survive a stop and a restart", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "grokscope-cli-"));
    dirs.push(dataDir);
    const env = readCliEnv({ GROKSCOPE_DATA_DIR: dataDir });
    const first = await openDatabase(env, () => {});
    expect(first.embedded).toBe(true);
    const parsed = parseRunConfig({ p: 13 });
    if (!parsed.ok) throw new Error("bad config");
    const { run } = await createRun(first.db, { name: "survivor", config: parsed.config });
    await first.close();
    await first.stopServer();

    const second = await openDatabase(env, () => {});
    try {
      expect((await getRun(second.db, run.id))?.name).toBe("survivor");
    } finally {
      await second.close();
      await second.stopServer();
    }
  });

  it("uses the server of a running `grokscope start` instead of starting a second one on its folder", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "grokscope-cli-"));
    dirs.push(dataDir);
    const env = readCliEnv({ GROKSCOPE_DATA_DIR: dataDir });
    const started = await openDatabase(env, () => {});
    try {
      await writeRegistryFile(dataDir, started.url, 4242);
      const logs: string[] = [];
      const joined = await openDatabase(env, (m) => logs.push(m), (pid) => pid === 4242);
      expect(joined.embedded).toBe(false);
      expect(joined.url).toBe(started.url);
      expect(logs).toEqual([]);
      await joined.close();
      await joined.stopServer();
      // The shared server is still up: closing the joiner did not stop it.
      expect(await started.db.execute("select 1 as one").then((r) => r.rows[0])).toEqual({ one: 1 });
    } finally {
      await started.close();
      await started.stopServer();
    }
  });
});
