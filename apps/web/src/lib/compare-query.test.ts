import { describe, expect, it } from "vitest";
import { compareBatches, seriesToMetrics } from "./compare-query.ts";
import { MAX_BANDED_RUNS } from "./compare-lines.ts";

describe("compareBatches", () => {
  it("splits ids into batches, one aliased run field and id variable per run", () => {
    const ids = Array.from({ length: 23 }, (_, i) => `id-${i}`);
    const batches = compareBatches(ids, "test_acc", 500, 10);
    expect(batches.map((b) => b.aliases.length)).toEqual([10, 10, 3]);
    const last = batches[2]!;
    expect(last.variables).toMatchObject({ id0: "id-20", id2: "id-22", keys: ["test_acc"], buckets: 500 });
    // The document itself is exercised against the real API by the compare journey (e2e).
    expect(last.query).toContain("query CompareRuns($id0: ID!, $id1: ID!, $id2: ID!, $keys: [String!]!, $buckets: Int)");
    expect(last.query.match(/r\d: run\(id: \$id\d\)/g)).toEqual(["r0: run(id: $id0)", "r1: run(id: $id1)", "r2: run(id: $id2)"]);
  });

  it("fetches the buckets' min and max only while the chart draws bands (up to MAX_BANDED_RUNS runs)", () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `id-${i}`);
    expect(compareBatches(ids(MAX_BANDED_RUNS), "test_acc", 500)[0]!.query).toContain("columns { toStep min max last }");
    const unbanded = compareBatches(ids(MAX_BANDED_RUNS + 1), "test_acc", 500);
    expect(unbanded.map((b) => b.query.match(/columns \{ [^}]* \}/g)?.[0])).toEqual(["columns { toStep last }", "columns { toStep last }"]);
  });

  it("builds nothing for no ids", () => {
    expect(compareBatches([], "test_acc", 500)).toEqual([]);
  });
});

describe("seriesToMetrics", () => {
  it("turns bucket columns into points at each bucket's last step with its min and max", () => {
    const metrics = seriesToMetrics([{ key: "test_acc", seed: 1, columns: { toStep: [10, 20], min: [0.1, 0.2], max: [0.3, 0.6], last: [0.2, 0.5] } }]);
    expect(metrics).toEqual([{ key: "test_acc", seed: 1, points: [{ step: 10, value: 0.2, min: 0.1, max: 0.3 }, { step: 20, value: 0.5, min: 0.2, max: 0.6 }] }]);
  });

  it("takes the value itself as min and max when they were not fetched", () => {
    const metrics = seriesToMetrics([{ key: "test_acc", seed: null, columns: { toStep: [10], last: [0.2] } }]);
    expect(metrics).toEqual([{ key: "test_acc", seed: 0, points: [{ step: 10, value: 0.2, min: 0.2, max: 0.2 }] }]);
  });
});
