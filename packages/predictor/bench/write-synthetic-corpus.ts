/**
 * Writes a synthetic corpus fixture (known laws, see src/synthetic.ts) for demos and for
 * exercising consumers before the real sweep exists. It is NOT the real corpus: the bench prefers
 * fixtures/corpus.json.gz, which export-corpus.ts writes from a database.
 *
 *   node --import tsx packages/predictor/bench/write-synthetic-corpus.ts [--out FILE] [--runs N] [--seed N]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { encodeCorpus, generateSyntheticCorpus } from "../src/index.ts";

const { values } = parseArgs({
  options: {
    out: { type: "string", default: join(dirname(fileURLToPath(import.meta.url)), "../fixtures/synthetic-corpus.json.gz") },
    runs: { type: "string", default: "48" },
    seed: { type: "string", default: "1" },
  },
});
const corpus = generateSyntheticCorpus({ runs: Number(values.runs), seed: Number(values.seed) });
const gz = gzipSync(encodeCorpus(corpus, { maxPointsPerSeed: 400 }));
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, gz);
console.log(`wrote ${corpus.length} synthetic runs to ${values.out} (${(gz.length / 1024).toFixed(0)} KiB)`);
