#!/usr/bin/env node
import { readCliEnv } from "./env.ts";
import { migrate } from "./commands/migrate.ts";
import { start } from "./commands/start.ts";
import { worker } from "./commands/worker.ts";

const USAGE = `usage: grokscope <command>
  start     embedded database (unless DATABASE_URL) + API + worker + dashboard
  worker    train queued runs from DATABASE_URL
  migrate   apply database migrations`;

const log = (msg: string) => console.log(`[grokscope] ${msg}`);

async function main(argv: string[]) {
  const [command] = argv;
  const env = readCliEnv();
  switch (command) {
    case "start":
      return start(env, log);
    case "worker":
      return worker(env);
    case "migrate":
      return migrate(env, log);
    default:
      console.error(USAGE);
      process.exitCode = command ? 2 : 0;
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`[grokscope] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
