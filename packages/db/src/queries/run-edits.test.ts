import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { sql } from "drizzle-orm";
import { parseRunConfig } from "@grokscope/spec";
import { createTestDatabase } from "../testing/index.ts";
import { MAX_TAGS_PER_RUN } from "../schema/tags.ts";
import { createRun } from "./runs.ts";
import { updateRunDetails } from "./run-edits.ts";
import { addTags, listTags, listTagsOfRuns, normalizeTag, removeTags } from "./tags.ts";
import { addAnnotation, deleteAnnotation, getAnnotation, listAnnotations, updateAnnotation } from "./annotations.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let runId: string;
const NO_RUN = "00000000-0000-0000-0000-000000000000";
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  const r = parseRunConfig({ p: 13, steps: 100 });
  if (!r.ok) throw new Error("bad config");
  runId = (await createRun(t.db, { name: "edit me", config: r.config })).run.id;
});
afterAll(async () => t?.drop());

describe("run details", () => {
  it("renames, sets and clears notes, and ignores an empty patch", async () => {
    expect(await updateRunDetails(t.db, runId, { name: "renamed", notes: "lr too high?" })).toMatchObject({ name: "renamed", notes: "lr too high?" });
    expect(await updateRunDetails(t.db, runId, {})).toMatchObject({ name: "renamed", notes: "lr too high?" });
    expect(await updateRunDetails(t.db, runId, { notes: null })).toMatchObject({ name: "renamed", notes: null });
    expect(await updateRunDetails(t.db, NO_RUN, { name: "x" })).toBeUndefined();
  });
});

describe("tags", () => {
  it("normalises tags and rejects unusable ones", () => {
    expect(normalizeTag("  Baseline ")).toEqual({ ok: true, tag: "baseline" });
    expect(normalizeTag("   ").ok).toBe(false);
    expect(normalizeTag("x".repeat(65)).ok).toBe(false);
    expect(normalizeTag("é".repeat(64)).ok).toBe(true);
    expect(normalizeTag("a\nb").ok).toBe(false);
  });

  it("adds idempotently, lists sorted, removes, and reports unknown runs", async () => {
    expect(await addTags(t.db, runId, ["sweep", "baseline", "sweep"])).toBe("ok");
    expect(await addTags(t.db, runId, ["baseline"])).toBe("ok");
    expect(await listTags(t.db, runId)).toEqual(["baseline", "sweep"]);
    expect(await removeTags(t.db, runId, ["sweep", "absent"])).toBe("ok");
    expect(await listTags(t.db, runId)).toEqual(["baseline"]);
    expect((await listTagsOfRuns(t.db, [runId, NO_RUN])).get(NO_RUN)).toEqual([]);
    expect(await addTags(t.db, NO_RUN, ["x"])).toBe("not-found");
    expect(await removeTags(t.db, NO_RUN, ["x"])).toBe("not-found");
  });

  it("refuses to pass the per-run cap and writes nothing then", async () => {
    const many = Array.from({ length: MAX_TAGS_PER_RUN }, (_, i) => `t${i}`);
    expect(await addTags(t.db, runId, many)).toBe("too-many");
    expect(await listTags(t.db, runId)).toEqual(["baseline"]);
  });

  it("keeps un-normalised tags out even when code forgets to normalise", async () => {
    await expect(t.db.execute(sql`INSERT INTO run_tags (run_id, tag) VALUES (${runId}, ' padded ')`)).rejects.toMatchObject({ cause: { constraint: "run_tags_tag_shape" } });
  });
});

describe("annotations", () => {
  it("adds, edits and deletes, newest edit stamped", async () => {
    const a = await addAnnotation(t.db, { runId, step: 500, seed: 0, text: "loss spike" });
    expect(a).toMatchObject({ runId, step: 500, seed: 0, text: "loss spike", author: null });
    const whole = await addAnnotation(t.db, { runId, text: "whole run" });
    expect(whole).toMatchObject({ step: null, seed: null });
    expect((await listAnnotations(t.db, runId)).map((x) => x.text)).toEqual(["loss spike", "whole run"]);
    const edited = await updateAnnotation(t.db, a!.id, "loss spike at warm-up end");
    expect(edited?.text).toBe("loss spike at warm-up end");
    expect(edited!.updatedAt.getTime()).toBeGreaterThanOrEqual(a!.updatedAt.getTime());
    expect(await deleteAnnotation(t.db, a!.id)).toBe(runId);
    expect(await getAnnotation(t.db, a!.id)).toBeUndefined();
    expect(await deleteAnnotation(t.db, a!.id)).toBeUndefined();
    expect(await updateAnnotation(t.db, a!.id, "x")).toBeUndefined();
    expect(await addAnnotation(t.db, { runId: NO_RUN, text: "x" })).toBeUndefined();
  });

  it("rejects empty and over-long texts in the database too", async () => {
    await expect(addAnnotation(t.db, { runId, text: "" })).rejects.toThrow();
    await expect(addAnnotation(t.db, { runId, text: "x".repeat(5001) })).rejects.toThrow();
  });
});
