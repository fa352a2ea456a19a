#!/usr/bin/env node
import { readCliEnv } from "./env.ts";
import { migrate } from "./commands/migrate.ts";
import { start } from "./commands/start.ts";
import { worker } from "./commands/worker.ts";
import { token } from "./commands/token.ts";
import { user } from "./commands/user.ts";
import { run } from "./commands/run.ts";

const USAGE = `usage: grokscope <command>
  start     embedded database (unless DATABASE_URL) + API + worker + dashboard
  worker    train queued runs from DATABASE_URL
  migrate   apply database migrations
  user      user create NAME --role viewer|editor|admin [--password-stdin]
  run       run [config flags, e.g. --p 97 --seeds 4 --clamp-rho 1.15] [--name N]: enqueue a run
  token     token create --user NAME [--name LABEL] | token revoke ID`;

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
    case "user":
      return user(env, argv.slice(1), log);
    case "run":
      return run(env, argv.slice(1), log);
    case "token":
      return token(env, argv.slice(1), log);
    default:
      console.error(USAGE);
      process.exitCode = command ? 2 : 0;
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`[grokscope] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
