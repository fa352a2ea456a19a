#!/usr/bin/env node
/**
 * Builds native/build/grokscope_kernels.node (kernels.c) with the system C compiler. Runs at `npm ci`
 * (the root postinstall) and before the trainer's tests. Needs only a C compiler and Node's own
 * headers (shipped with Node, no download): OpenBLAS is opened at run time, not linked.
 * Never fails the install: without a compiler the "wasm-openblas" backend is simply unavailable
 * (selectBackend says why) and "auto" falls back to plain wasm. `--require` makes a failure fatal.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, "kernels.c");
const output = join(here, "build", "grokscope_kernels.node");
const nodeHeaders = join(dirname(dirname(process.execPath)), "include", "node");
const required = process.argv.includes("--require");

function skip(reason) {
  const line = `[grokscope] native kernels not built (${reason}); the wasm-openblas backend is unavailable`;
  if (required) {
    console.error(line);
    process.exit(1);
  }
  console.warn(line);
  process.exit(0);
}

if (!existsSync(join(nodeHeaders, "node_api.h"))) skip(`no Node headers at ${nodeHeaders}`);
const compiler = process.env.CC ?? "cc";
// macOS resolves the N-API symbols from the node binary at load time only with this flag.
const platformFlags = process.platform === "darwin" ? ["-undefined", "dynamic_lookup"] : [];
mkdirSync(dirname(output), { recursive: true });
const result = spawnSync(
  compiler,
  ["-O3", "-shared", "-fPIC", "-Wall", "-Wextra", `-I${nodeHeaders}`, source, "-o", output, ...platformFlags, "-ldl"],
  { stdio: ["ignore", "inherit", "inherit"] },
);
if (result.error) skip(`${compiler}: ${result.error.message}`);
if (result.status !== 0) skip(`${compiler} exited with ${result.status}`);
