/**
 * Exports the finished runs of a registry (DATABASE_URL) as the predictor's corpus fixture,
 * thinned to ≤ --max-points readings per seed (event steps always kept); see corpus-export.ts.
 *
 *   DATABASE_URL=postgres://… node --import tsx packages/predictor/bench/export-corpus.ts \
 *     [--out FILE] [--max-points 400] [--include-forks]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { createDb } from "@grokscope/db";
import { encodeCorpus } from "../src/index.ts";
import { readCorpusRuns } from "./corpus-export.ts";

const { values } = parseArgs({
  options: {
    out: { type: "string", default: join(dirname(fileURLToPath(import.meta.url)), "../fixtures/corpus.json.gz") },
    "max-points": { type: "string", default: "400" },
    "include-forks": { type: "boolean", default: false },
  },
});
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is required (the registry to export finished runs from)");
  process.exit(2);
}

const handle = createDb(url, { max: 2, applicationName: "grokscope-export-corpus" });
try {
  const { runs, skipped } = await readCorpusRuns(handle.db, { includeForks: values["include-forks"] });
  const gz = gzipSync(encodeCorpus(runs, { maxPointsPerSeed: Number(values["max-points"]) }));
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, gz);
  const grokked = runs.filter((r) => r.seeds.filter((s) => s.tGrok !== undefined).length * 2 > r.seeds.length).length;
  console.log(`wrote ${runs.length} runs (${grokked} grok by seed majority; ${skipped} skipped) to ${values.out} (${(gz.length / 1024).toFixed(0)} KiB)`);
} finally {
  await handle.close();
}
