import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { createDb, type DbHandle } from "./client.ts";
import { MIGRATIONS_FOLDER, runMigrations } from "./migrate.ts";
import { readSeries } from "./queries/series.ts";

/**
 * drizzle/0005 rebuilds metric_points around runs.num, and 0006 moves ended runs' points into
 * arrays: a registry recorded before them must keep every point, each under its own run, and go
 * on recording after them.
 */
let handle: DbHandle;
let name: string;
let oldMigrations: string;
const adminUrl = () => inject("pgAdminUrl");

beforeAll(async () => {
  name = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  handle = createDb(url.toString(), { max: 2 });
  // The migrations as they were before 0005: same files, journal cut at 0004.
  oldMigrations = await mkdtemp(path.join(tmpdir(), "grokscope-migrations-"));
  await cp(MIGRATIONS_FOLDER, oldMigrations, { recursive: true });
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < "0005");
  await writeFile(path.join(oldMigrations, "meta/_journal.json"), JSON.stringify(journal));
});
afterAll(async () => {
  await handle?.close();
  await rm(oldMigrations, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe("migrations 0005 (metric points keyed by runs.num) and 0006 (ended runs' points as arrays)", () => {
  it("keeps every point of a registry recorded before it, under its own run", async () => {
    await migrate(handle.db, { migrationsFolder: oldMigrations });
    const ids: string[] = [];
    for (const runName of ["a", "b", "c"]) {
      const inserted = await handle.db.execute<{ id: string }>(sql`INSERT INTO runs (name, config, steps_total) VALUES (${runName}, '{"p": 13}', 200) RETURNING id`);
      ids.push(inserted.rows[0]!.id);
    }
    // Interleaved as several workers would write them; run i's test_acc encodes (run, seed, step).
    for (let step = 0; step <= 200; step += 10)
      for (const [i, id] of ids.entries())
        for (const seed of [0, 1])
          await handle.db.execute(sql`INSERT INTO metric_points (run_id, seed, step, test_acc, fourier_score) VALUES (${id}, ${seed}, ${step}, ${i * 1000 + seed * 500 + step}, 0.5)`);

    // Run a had ended: 0006 moves an ended run's rows into arrays (readers must not notice).
    await handle.db.execute(sql`UPDATE runs SET status = 'succeeded' WHERE id = ${ids[0]}`);

    await runMigrations(handle.db);

    const where = await handle.db.execute<{ name: string; rows: number; arrays: number }>(sql`
      SELECT name, (SELECT count(*)::int FROM metric_points WHERE run_num = r.num) AS rows, (SELECT count(*)::int FROM metric_arrays WHERE run_num = r.num) AS arrays
      FROM runs r ORDER BY name`);
    expect(where.rows).toEqual([{ name: "a", rows: 0, arrays: 2 }, { name: "b", rows: 42, arrays: 0 }, { name: "c", rows: 42, arrays: 0 }]);
    const nums = await handle.db.execute<{ num: number }>(sql`SELECT num FROM runs ORDER BY num`);
    expect(new Set(nums.rows.map((r) => r.num)).size).toBe(3);
    for (const [i, id] of ids.entries()) {
      const series = await readSeries(handle.db, id, { keys: ["test_acc", "fourier_score"], maxPoints: 1000 });
      expect(series.map((s) => [s.key, s.seed, s.points.length])).toEqual([
        ["test_acc", 0, 21], ["fourier_score", 0, 21], ["test_acc", 1, 21], ["fourier_score", 1, 21],
      ]);
      for (const s of series.filter((x) => x.key === "test_acc")) {
        expect(s.points.map((p) => p.value)).toEqual(s.points.map((p) => i * 1000 + s.seed * 500 + p.step));
      }
    }
    const viaView = await handle.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM run_metric_points WHERE run_id = ${ids[1]}`);
    expect(viaView.rows[0]!.n).toBe(42);
    // A run created after the migration gets a fresh number and its points cascade with it.
    const later = await handle.db.execute<{ num: number; id: string }>(sql`INSERT INTO runs (name, config, steps_total) VALUES ('d', '{}', 1) RETURNING num, id`);
    expect(later.rows[0]!.num).toBeGreaterThan(Math.max(...nums.rows.map((r) => r.num)));
    await handle.db.execute(sql`INSERT INTO metric_points (run_num, seed, step, test_acc) VALUES (${later.rows[0]!.num}, 0, 0, 1)`);
    await handle.db.execute(sql`DELETE FROM runs WHERE id = ${later.rows[0]!.id}`);
    const left = await handle.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM metric_points_all`);
    expect(left.rows[0]!.n).toBe(3 * 2 * 21);
    // An ended run's arrays cascade with it too.
    await handle.db.execute(sql`DELETE FROM runs WHERE id = ${ids[0]}`);
    const arrays = await handle.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM metric_arrays`);
    expect(arrays.rows[0]!.n).toBe(0);
  });
});
