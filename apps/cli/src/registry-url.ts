import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { CliEnv } from "./env.ts";

/**
 * Discovery of the embedded registry: `grokscope start` (no DATABASE_URL) writes the embedded
 * PostgreSQL's URL and its own pid to GROKSCOPE_DATA_DIR/registry.json while it runs, and removes
 * the file on a clean stop; `run` and `sweep` read it when DATABASE_URL is not set. The pid check
 * ignores a file left behind by a start that was killed (kill -9, power loss).
 */
export const REGISTRY_FILE = "registry.json";
export const NO_REGISTRY = "no registry: start `npm start` or set DATABASE_URL";

export interface RegistryFile {
  url: string;
  pid: number;
  startedAt: string;
}

const fileOf = (dataDir: string) => path.join(dataDir, REGISTRY_FILE);

/** Written by `start` once the embedded server is up (0600: the URL holds the password). */
export async function writeRegistryFile(dataDir: string, url: string, pid = process.pid): Promise<string> {
  const file = fileOf(dataDir);
  const body: RegistryFile = { url, pid, startedAt: new Date().toISOString() };
  await writeFile(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  return file;
}

/** Removed by `start` on a clean stop, only if it is still the one this process wrote. */
export async function clearRegistryFile(dataDir: string, pid = process.pid): Promise<void> {
  const found = await readRegistryFile(dataDir);
  if (found && found.pid === pid) await rm(fileOf(dataDir), { force: true });
}

export async function readRegistryFile(dataDir: string): Promise<RegistryFile | undefined> {
  let text: string;
  try {
    text = await readFile(fileOf(dataDir), "utf8");
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<RegistryFile>;
    if (typeof parsed.url !== "string" || typeof parsed.pid !== "number") return undefined;
    return { url: parsed.url, pid: parsed.pid, startedAt: String(parsed.startedAt ?? "") };
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export type RegistrySource = { url: string; source: "DATABASE_URL" | "embedded" };

/** DATABASE_URL, else the running embedded server's URL, else the clear "no registry" error. */
export async function resolveRegistryUrl(env: Pick<CliEnv, "DATABASE_URL" | "GROKSCOPE_DATA_DIR">, alive = processAlive): Promise<RegistrySource> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, source: "DATABASE_URL" };
  const found = await readRegistryFile(env.GROKSCOPE_DATA_DIR);
  if (found && alive(found.pid)) return { url: found.url, source: "embedded" };
  throw new Error(NO_REGISTRY);
}
