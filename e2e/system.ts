import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../", import.meta.url));

export interface RunningSystem {
  /** The dashboard's URL. */
  url: string;
  /** GROKSCOPE_DATA_DIR of this system (its embedded PostgreSQL and registry.json). */
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts `grokscope start` exactly as a newcomer would (embedded database in a fresh data folder,
 * free ports), echoes its log, and resolves once it prints the dashboard URL (printed only when
 * the dashboard answers). stop() sends SIGTERM and removes the data folder.
 */
export async function startGrokscope(options: { echo?: boolean } = {}): Promise<RunningSystem> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "grokscope-e2e-"));
  const env: NodeJS.ProcessEnv = { ...process.env, GROKSCOPE_DATA_DIR: dataDir, GROKSCOPE_WEB_PORT: "0", GROKSCOPE_API_PORT: "0" };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "apps/cli/src/main.ts", "start"], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("grokscope start did not print the dashboard URL within 6 minutes")), 360_000);
    // Keep echoing the system's log after the URL is found: it is the journeys' server log.
    child.stdout.on("data", (chunk: Buffer) => {
      if (options.echo ?? true) process.stdout.write(chunk);
      const match = /dashboard:\s+(http:\/\/\S+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on("exit", (code) => reject(new Error(`grokscope start exited early with ${code}`)));
  });
  return {
    url,
    dataDir,
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs the `grokscope` CLI against a running system's registry (found through its data folder). */
export function grokscopeCli(system: RunningSystem, args: string[], stdin = ""): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, GROKSCOPE_DATA_DIR: system.dataDir };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "apps/cli/src/main.ts", ...args], { cwd: REPO_ROOT, env, stdio: ["pipe", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`grokscope ${args.join(" ")} exited ${code}: ${output}`)))),
  );
}
