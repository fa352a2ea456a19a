import { parseArgs } from "node:util";
import { createUser, findUserByName, ROLES, setPassword, type Db, type Role } from "@grokscope/db";
import { openDatabase } from "../database.ts";
import type { CliEnv } from "../env.ts";

export const USER_USAGE = `usage: grokscope user create NAME --role viewer|editor|admin [--password-stdin]
       grokscope user password NAME --password-stdin`;

export interface CommandIo {
  /** Reads all of standard input (the password, for --password-stdin). */
  readStdin(): Promise<string>;
  out(line: string): void;
}

/** A password piped in keeps its spaces but not the newline `echo` or a file adds. */
const passwordFrom = async (io: CommandIo) => {
  const password = (await io.readStdin()).replace(/\r?\n$/, "");
  if (!password) throw new Error("--password-stdin: standard input was empty");
  return password;
};

/** `user create` / `user password` against an open database; throws with a usage message on bad arguments. */
export async function runUserCommand(db: Db, argv: string[], io: CommandIo): Promise<void> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { role: { type: "string" }, "password-stdin": { type: "boolean" } } });
  const [action, name] = positionals;
  if (!name || (action !== "create" && action !== "password")) throw new Error(USER_USAGE);
  if (action === "password") {
    if (!values["password-stdin"]) throw new Error(USER_USAGE);
    if (!(await setPassword(db, name, await passwordFrom(io)))) throw new Error(`no user named ${name}`);
    io.out(`password of ${name} changed`);
    return;
  }
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(", ")}\n${USER_USAGE}`);
  if (await findUserByName(db, name)) throw new Error(`a user named ${name} already exists`);
  const password = values["password-stdin"] ? await passwordFrom(io) : undefined;
  await createUser(db, { name, role, ...(password === undefined ? {} : { password }) });
  io.out(`created ${role} ${name}${password === undefined ? " (token-only: no password)" : ""}`);
}

export const processIo: CommandIo = {
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
  out: (line) => console.log(line),
};

/** `grokscope user …` */
export async function user(env: CliEnv, argv: string[], log: (msg: string) => void): Promise<void> {
  const database = await openDatabase(env, log);
  try {
    await runUserCommand(database.db, argv, processIo);
  } finally {
    await database.close();
    await database.stopServer();
  }
}
