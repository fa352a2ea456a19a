import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { sql } from "drizzle-orm";
import { parseRunConfig } from "@grokscope/spec";
import { createTestDatabase } from "../testing/index.ts";
import { createRun, getRun } from "./runs.ts";
import { addTags } from "./tags.ts";
import { updateRunDetails } from "./run-edits.ts";
import { isValidSortKey, listRuns, RUN_ORDER_FIELDS, type RunOrder, type RunPosition } from "./run-list.ts";
import type { RunFilter } from "./run-filter.ts";
import type { RunRow } from "../schema/runs.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
const byName = new Map<string, RunRow>();

// name, config, tGrok, finalTestAcc, tags, notes
const FIXTURES: [string, object, number | null, number | null, string[], string | null][] = [
  ["alpha", { p: 13, temperature: 1, weightDecay: 1, loss: "ce" }, 500, 0.99, ["baseline"], null],
  ["beta", { p: 13, temperature: 1.7, weightDecay: 0.1, loss: "mse" }, null, 0.4, ["sweep"], "looks 100% stuck"],
  ["gamma", { p: 17, temperature: 0.5, weightDecay: 1, op: "mul", clamp: { rho: 1.15 }, seeds: 3 }, 1500, 0.95, ["sweep", "baseline"], null],
  ["delta", { p: 17, temperature: 1.7, weightDecay: 0 }, 1500, null, [], "Grokked late"],
  ["epsilon", { p: 97, temperature: 2, weightDecay: 1, lr: 0.01 }, null, null, ["sweep"], null],
  ["zeta", { p: 97, temperature: 1, weightDecay: 0.1, trainFraction: 0.3, clamp: { rho: 1 }, seeds: 3 }, 200, 0.91, [], null],
  ["eta_x", { p: 13, temperature: 1, weightDecay: 1 }, null, 0.2, [], null],
];

beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  for (const [name, over, tGrok, acc, tags, notes] of FIXTURES) {
    const r = parseRunConfig({ steps: 100, ...over });
    if (!r.ok) throw new Error(`bad config ${name}`);
    const { run } = await createRun(t.db, { name, config: r.config });
    // Summary delay = tGrok − 100 and 2 seeds grokked wherever the run grokked.
    const delay = tGrok === null ? null : tGrok - 100;
    await t.db.execute(sql`UPDATE runs SET t_grok = ${tGrok}::int, final_test_acc = ${acc}::real, delay = ${delay}::int,
      seeds_grokked = ${tGrok === null ? 0 : 2}::int WHERE id = ${run.id}`);
    if (tags.length) await addTags(t.db, run.id, tags);
    if (notes) await updateRunDetails(t.db, run.id, { notes });
    byName.set(name, (await getRun(t.db, run.id))!);
  }
});
afterAll(async () => t?.drop());

const names = async (filter: RunFilter) => (await listRuns(t.db, { first: 100, filter })).rows.map((r) => r.name).sort();

describe("filtering runs", () => {
  it.each<[string, RunFilter, string[]]>([
    ["status", { status: ["queued"] }, FIXTURES.map((f) => f[0])],
    ["no status", { status: [] }, []],
    ["all tags", { tags: ["sweep", "baseline"] }, ["gamma"]],
    ["one tag", { tags: ["sweep"] }, ["beta", "epsilon", "gamma"]],
    ["text in name, case-insensitive", { text: "ALP" }, ["alpha"]],
    ["text in notes", { text: "grokked" }, ["delta"]],
    ["text with LIKE wildcards taken literally", { text: "100%" }, ["beta"]],
    ["underscore taken literally", { text: "a_x" }, ["eta_x"]],
    ["p values", { p: { in: [17, 97] } }, ["delta", "epsilon", "gamma", "zeta"]],
    ["exact float τ = 1.7", { temperature: { in: [1.7] } }, ["beta", "delta"]],
    ["τ range", { temperature: { min: 0.5, max: 1 } }, ["alpha", "eta_x", "gamma", "zeta"]],
    ["λ and loss", { weightDecay: { max: 0.5 }, loss: ["mse"] }, ["beta"]],
    ["op", { op: ["mul"] }, ["gamma"]],
    ["lr", { lr: { min: 0.005 } }, ["epsilon"]],
    ["train fraction", { trainFraction: { in: [0.3] } }, ["zeta"]],
    ["model", { model: ["mlp"], p: { in: [13] } }, ["alpha", "beta", "eta_x"]],
    ["tGrok range", { tGrok: { min: 400, max: 1500 } }, ["alpha", "delta", "gamma"]],
    ["grokked", { grokked: false }, ["beta", "epsilon", "eta_x"]],
    ["or", { or: [{ p: { in: [97] } }, { tags: ["baseline"] }] }, ["alpha", "epsilon", "gamma", "zeta"]],
    ["not over null summaries is a true complement", { not: { tGrok: { min: 1000 } } }, ["alpha", "beta", "epsilon", "eta_x", "zeta"]],
    ["and of or", { and: [{ or: [{ p: { in: [13] } }, { p: { in: [17] } }] }, { not: { grokked: true } }] }, ["beta", "eta_x"]],
    ["empty or", { or: [] }, []],
    ["clamp ρ", { clampRho: { min: 1.1 } }, ["gamma"]],
    ["seeds", { seeds: { in: [3] } }, ["gamma", "zeta"]],
    ["delay range", { delay: { max: 450 } }, ["alpha", "zeta"]],
    ["seeds grokked", { seedsGrokked: { min: 2 }, seeds: { max: 1 } }, ["alpha", "delta"]],
    ["no sweep", { sweep: [] }, []],
  ])("by %s", async (_label, filter, expected) => {
    expect(await names(filter)).toEqual([...expected].sort());
  });

  it("counts only matching runs", async () => {
    const page = await listRuns(t.db, { first: 1, filter: { tags: ["sweep"] } });
    expect(page.totalCount).toBe(3);
    expect(page.hasNextPage).toBe(true);
  });
});

const compare = (a: unknown, b: unknown) => (typeof a === "string" ? a.localeCompare(b as string) : (a as number) - (b as number));
const FIELD_OF: Record<RunOrder["field"], (r: RunRow) => unknown> = {
  CREATED_AT: (r) => r.createdAt.getTime(),
  T_GROK: (r) => r.tGrok,
  T_MEM: (r) => r.tMem,
  P: (r) => r.p,
  TEMPERATURE: (r) => r.temperature,
  WEIGHT_DECAY: (r) => r.weightDecay,
  NAME: (r) => r.name,
  FINAL_TEST_ACC: (r) => r.finalTestAcc,
  DELAY: (r) => r.delay,
  CLAMP_RHO: (r) => r.clampRho,
  SEEDS_GROKKED: (r) => r.seedsGrokked,
};

describe("ordering runs", () => {
  for (const field of RUN_ORDER_FIELDS) {
    for (const direction of ["ASC", "DESC"] as const) {
      it(`pages by ${field} ${direction}, nulls last, without skips or repeats`, async () => {
        const order = { field, direction };
        const seen: RunRow[] = [];
        let after: RunPosition | undefined;
        for (let guard = 0; guard < 20; guard++) {
          const page = await listRuns(t.db, { first: 2, order, after });
          seen.push(...page.rows);
          for (const p of page.positions) expect(isValidSortKey(field, p.key)).toBe(true);
          if (!page.hasNextPage) break;
          after = page.positions.at(-1);
        }
        expect(seen).toHaveLength(FIXTURES.length);
        const get = FIELD_OF[field];
        for (let i = 1; i < seen.length; i++) {
          const [a, b] = [get(seen[i - 1]!), get(seen[i]!)];
          if (a === null) expect(b).toBeNull();
          else if (b !== null) {
            const c = compare(a, b) * (direction === "ASC" ? 1 : -1);
            expect(c).toBeLessThanOrEqual(0);
            if (c === 0) expect(compare(seen[i - 1]!.id, seen[i]!.id) * (direction === "ASC" ? 1 : -1)).toBeLessThan(0);
          }
        }
      });
    }
  }

  it("keeps microseconds in created_at cursors (rows in the same millisecond are not skipped)", async () => {
    await t.db.execute(sql`UPDATE runs SET created_at = '2030-01-01T00:00:00.123456Z'::timestamptz + (p || ' microseconds')::interval`);
    const all: string[] = [];
    let after: RunPosition | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const page = await listRuns(t.db, { first: 1, after });
      all.push(...page.rows.map((r) => r.id));
      if (!page.hasNextPage) break;
      after = page.positions.at(-1);
    }
    expect(new Set(all).size).toBe(FIXTURES.length);
    expect(after?.key).toMatch(/^2030-01-01 00:00:00\.1234\d\d\+00$/);
    // A cursor issued before keys carried their offset (UTC, "T"-separated) still pages from the same row.
    const legacyKey = (key: string) => key.replace(" ", "T").replace(/\+00$/, "");
    const first = await listRuns(t.db, { first: 2 });
    const fromLegacy = await listRuns(t.db, { first: 1, after: { ...first.positions[0]!, key: legacyKey(first.positions[0]!.key!) } });
    expect(fromLegacy.rows[0]!.id).toBe(first.rows[1]!.id);
    expect(isValidSortKey("CREATED_AT", "2030-01-01T00:00:00.123469")).toBe(true);
    expect(isValidSortKey("CREATED_AT", "2030-01-01 00:00:00.123469+00")).toBe(true);
    expect(isValidSortKey("CREATED_AT", "'; drop table runs")).toBe(false);
    expect(isValidSortKey("P", "1.5")).toBe(false);
  });
});
