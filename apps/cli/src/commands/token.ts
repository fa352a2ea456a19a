import { parseArgs } from "node:util";
import { createApiToken, findUserByName, revokeToken, type Db } from "@grokscope/db";
import { openDatabase } from "../database.ts";
import type { CliEnv } from "../env.ts";
import { processIo, type CommandIo } from "./user.ts";

export const TOKEN_USAGE = `usage: grokscope token create --user NAME [--name LABEL]
       grokscope token revoke ID`;

/**
 * `token create` prints the id on one line and the token alone on the next, once: only its
 * hash is stored, so it cannot be shown again.
 */
export async function runTokenCommand(db: Db, argv: string[], io: Pick<CommandIo, "out">): Promise<void> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { user: { type: "string" }, name: { type: "string" } } });
  const [action, id] = positionals;
  if (action === "create" && values.user) {
    const owner = await findUserByName(db, values.user);
    if (!owner) throw new Error(`no user named ${values.user}`);
    const created = await createApiToken(db, { userId: owner.id, name: values.name ?? "cli" });
    io.out(`token ${created.id} for ${owner.name} (${owner.role}); shown once, store it now:`);
    io.out(created.token);
    return;
  }
  if (action === "revoke" && id) {
    if (!(await revokeToken(db, id))) throw new Error(`no active token with id ${id}`);
    io.out(`token ${id} revoked`);
    return;
  }
  throw new Error(TOKEN_USAGE);
}

/** `grokscope token …` */
export async function token(env: CliEnv, argv: string[], log: (msg: string) => void): Promise<void> {
  const database = await openDatabase(env, log);
  try {
    await runTokenCommand(database.db, argv, processIo);
  } finally {
    await database.close();
    await database.stopServer();
  }
}
