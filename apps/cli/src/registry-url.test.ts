import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, inject, vi } from "vitest";
import { getRun, getSweep } from "@grokscope/db";
import { createTestDatabase } from "@grokscope/db/testing";
import { run } from "./commands/run.ts";
import { sweep } from "./commands/sweep.ts";
import { readCliEnv } from "./env.ts";
import { NO_REGISTRY, REGISTRY_FILE, clearRegistryFile, readRegistryFile, resolveRegistryUrl, writeRegistryFile } from "./registry-url.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  dataDir = await mkdtemp(path.join(tmpdir(), "grokscope-registry-"));
});
afterAll(async () => {
  await t?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("embedded registry discovery", () => {
  it("DATABASE_URL wins; without it and without a running start, the clear error", async () => {
    expect(await resolveRegistryUrl({ DATABASE_URL: "postgres://x@h/db", GROKSCOPE_DATA_DIR: dataDir })).toEqual({ url: "postgres://x@h/db", source: "DATABASE_URL" });
    await expect(resolveRegistryUrl({ GROKSCOPE_DATA_DIR: dataDir })).rejects.toThrow(NO_REGISTRY);
  });

  it("reads the file `start` writes, ignores one whose process is gone, and start's clear removes only its own", async () => {
    await writeRegistryFile(dataDir, "postgres://postgres:pw@127.0.0.1:5555/grokscope", 4242);
    expect(((await stat(path.join(dataDir, REGISTRY_FILE))).mode & 0o777).toString(8)).toBe("600");
    expect(await resolveRegistryUrl({ GROKSCOPE_DATA_DIR: dataDir }, (pid) => pid === 4242)).toEqual({
      url: "postgres://postgres:pw@127.0.0.1:5555/grokscope",
      source: "embedded",
    });
    await expect(resolveRegistryUrl({ GROKSCOPE_DATA_DIR: dataDir }, () => false)).rejects.toThrow(NO_REGISTRY);
    await clearRegistryFile(dataDir, 1);
    expect(await readRegistryFile(dataDir)).toMatchObject({ pid: 4242 });
    await clearRegistryFile(dataDir, 4242);
    expect(await readRegistryFile(dataDir)).toBeUndefined();
  });

  it("`run` and `sweep` without DATABASE_URL enqueue into the running start's database", async () => {
    await writeRegistryFile(dataDir, t.url); // this test process stands in for the running `start`
    const env = readCliEnv({ GROKSCOPE_DATA_DIR: dataDir });
    const printed: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((line: unknown) => void printed.push(String(line)));
    try {
      await run(env, ["--p", "13", "--name", "discovered"], () => {});
      await sweep(env, ["--grid", "temperature=1,1.7", "--p", "13", "--seeds", "2"], () => {});
    } finally {
      spy.mockRestore();
      await clearRegistryFile(dataDir);
    }
    expect((await getRun(t.db, printed[0]!))?.name).toBe("discovered");
    expect((await getSweep(t.db, printed[1]!))?.spec).toMatchObject({ seeds: 2 });
    await expect(run(env, ["--p", "13"], () => {})).rejects.toThrow(NO_REGISTRY);
  });
});
