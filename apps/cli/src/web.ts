import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { REPO_ROOT } from "./env.ts";

const WEB_DIR = path.join(REPO_ROOT, "apps/web");
const nextBin = () => createRequire(path.join(WEB_DIR, "package.json")).resolve("next/dist/bin/next");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** A production build is needed when there is none or the dashboard's sources are newer. */
export function webBuildIsStale(): boolean {
  const marker = path.join(WEB_DIR, ".next/BUILD_ID");
  if (!existsSync(marker)) return true;
  const sources = Math.max(newestMtime(path.join(WEB_DIR, "src")), statSync(path.join(WEB_DIR, "package.json")).mtimeMs);
  return sources > statSync(marker).mtimeMs;
}

const nextEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

export async function buildWeb(log: (msg: string) => void): Promise<void> {
  log("building the dashboard (next build; first start only, ~1–2 min)…");
  const child = spawn(process.execPath, [nextBin(), "build"], { cwd: WEB_DIR, stdio: "inherit", env: nextEnv });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
}

/** Serves the production build; the dashboard reaches the API through its /api/graphql proxy. */
export function startWeb(options: { port: number; host: string; apiUrl: string }): ChildProcess {
  return spawn(process.execPath, [nextBin(), "start", "-p", String(options.port), "-H", options.host], {
    cwd: WEB_DIR,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...nextEnv, GROKSCOPE_API_URL: options.apiUrl },
  });
}
