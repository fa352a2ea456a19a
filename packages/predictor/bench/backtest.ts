/**
 * Backtest table of the grokking-onset forecasters (SCIENCE.md §8): forecaster × lead time with
 * MAPE, 80 % coverage, Spearman ρ and N, over the corpus fixture, or over a synthetic corpus when
 * the fixture is absent (or with --synthetic).
 *
 *   node --import tsx packages/predictor/bench/backtest.ts [--corpus FILE] [--synthetic]
 *        [--no-learned] [--selector-learned] [--epochs N] [--runs N] [--by-regime] [--hold-out auto|run|sweep]
 *        [--records FILE (every forecast as JSON lines)]
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gunzipSync } from "node:zlib";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import {
  backtest,
  finishedRunOf,
  firstPassageMethod,
  formatBacktestTable,
  generateSyntheticCorpus,
  learnedMethod,
  loadCorpus,
  logitScaleMethod,
  regimeOf,
  selectorMethod,
  summarize,
  type CorpusRun,
  type ForecastMethod,
} from "../src/index.ts";

const { values } = parseArgs({
  options: {
    corpus: { type: "string", default: join(dirname(fileURLToPath(import.meta.url)), "../fixtures/corpus.json.gz") },
    synthetic: { type: "boolean", default: false },
    "no-learned": { type: "boolean", default: false },
    "selector-learned": { type: "boolean", default: false },
    epochs: { type: "string", default: "300" },
    runs: { type: "string", default: "48" },
    "by-regime": { type: "boolean", default: false },
    "hold-out": { type: "string", default: "auto" },
    records: { type: "string" },
  },
});

function readCorpus(): { corpus: CorpusRun[]; source: string } {
  if (!values.synthetic && existsSync(values.corpus)) {
    return { corpus: loadCorpus(gunzipSync(readFileSync(values.corpus))), source: values.corpus };
  }
  const reason = values.synthetic ? "--synthetic" : `no fixture at ${values.corpus}`;
  return { corpus: generateSyntheticCorpus({ runs: Number(values.runs) }), source: `synthetic corpus (${reason})` };
}

await tf.setBackend("cpu");
const { corpus, source } = readCorpus();
const runs = corpus.map(finishedRunOf);
const regimes = new Map<string, { runs: number; grokked: number }>();
for (const r of runs) {
  const entry = regimes.get(regimeOf(r.config)) ?? { runs: 0, grokked: 0 };
  regimes.set(regimeOf(r.config), { runs: entry.runs + 1, grokked: entry.grokked + (r.tGrok !== undefined ? 1 : 0) });
}
console.log(`corpus: ${source}`);
console.log(`${runs.length} runs, ${runs.filter((r) => r.tGrok !== undefined).length} grokked; by regime: ${[...regimes].map(([k, v]) => `${k} ${v.grokked}/${v.runs}`).join(", ")}`);

const learned = learnedMethod(tf, { epochs: Number(values.epochs) });
const laws: ForecastMethod[] = [firstPassageMethod, logitScaleMethod];
const methods: ForecastMethod[] = [...laws, ...(values["no-learned"] ? [] : [learned])];
// The selector refits every candidate per inner fold: with the learned one that is ~25 tfjs
// trainings per outer fold, so it is opt-in.
methods.push(selectorMethod(values["selector-learned"] ? [...laws, learned] : laws));

const started = Date.now();
const holdOut = values["hold-out"];
if (holdOut !== "auto" && holdOut !== "run" && holdOut !== "sweep") throw new Error(`--hold-out: "${holdOut}" is not auto, run or sweep`);
const result = backtest(corpus, {
  methods,
  holdOut,
  onFold: (done, total) => process.stderr.write(`\rfold ${done}/${total}`),
});
process.stderr.write("\n");
console.log(`hold-out: leave-one-${result.holdOut}-out; ${((Date.now() - started) / 1000).toFixed(1)} s on the tfjs ${tf.getBackend()} backend`);
console.log("MAPE of T_grok over grokked runs with a point forecast; cover80: share of grokked runs inside the 80 % interval;");
console.log("brier: within-budget probability vs outcome over all runs; med.lead: median steps from forecast to T_grok.\n");
console.log(formatBacktestTable(result.rows));
if (values.records) writeFileSync(values.records, result.records.map((r) => JSON.stringify(r)).join("\n") + "\n");

if (values["by-regime"]) {
  const regimeOfRun = new Map(runs.map((r) => [r.id, regimeOf(r.config)]));
  for (const regime of regimes.keys()) {
    console.log(`\n${regime}`);
    console.log(formatBacktestTable(summarize(result.records.filter((r) => regimeOfRun.get(r.runId) === regime))));
  }
}
