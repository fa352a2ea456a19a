import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../", import.meta.url));

/**
 * Starts `grokscope start` exactly as a newcomer would (embedded database in a fresh data folder,
 * free ports), waits until it prints the dashboard URL, and stops it with SIGTERM afterwards.
 */
export default async function globalSetup() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "grokscope-e2e-"));
  const env: NodeJS.ProcessEnv = { ...process.env, GROKSCOPE_DATA_DIR: dataDir, GROKSCOPE_WEB_PORT: "0", GROKSCOPE_API_PORT: "0" };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "apps/cli/src/main.ts", "start"], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("grokscope start did not print the dashboard URL within 6 minutes")), 360_000);
    // Keep echoing the system's log after the URL is found: it is the journeys' server log.
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      const match = /dashboard:\s+(http:\/\/\S+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on("exit", (code) => reject(new Error(`grokscope start exited early with ${code}`)));
  });
  process.env.GROKSCOPE_E2E_URL = url;
  return async () => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
}
