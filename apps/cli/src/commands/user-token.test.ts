import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { findUserByToken, verifyPassword } from "@grokscope/db";
import { createTestDatabase } from "@grokscope/db/testing";
import { runTokenCommand } from "./token.ts";
import { runUserCommand } from "./user.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => void (t = await createTestDatabase(inject("pgAdminUrl"))));
afterAll(async () => t?.drop());

const io = (stdin = "") => {
  const lines: string[] = [];
  return { lines, readStdin: async () => stdin, out: (l: string) => void lines.push(l) };
};

describe("grokscope user", () => {
  it("creates a user with a password piped on stdin (trailing newline dropped)", async () => {
    await runUserCommand(t.db, ["create", "ana", "--role", "editor", "--password-stdin"], io("s3cret pass\n"));
    expect(await verifyPassword(t.db, "ana", "s3cret pass")).toMatchObject({ name: "ana", role: "editor" });
  });

  it("refuses a bad role, a duplicate name and a missing name", async () => {
    await expect(runUserCommand(t.db, ["create", "x", "--role", "root"], io())).rejects.toThrow(/--role must be one of/);
    await expect(runUserCommand(t.db, ["create", "ana", "--role", "viewer"], io())).rejects.toThrow(/already exists/);
    await expect(runUserCommand(t.db, ["create"], io())).rejects.toThrow(/usage/);
  });
});

describe("grokscope token", () => {
  it("prints a token once that authenticates as the user, then revokes it by id", async () => {
    const created = io();
    await runTokenCommand(t.db, ["create", "--user", "ana", "--name", "laptop"], created);
    const [header, token] = created.lines;
    expect(token).toMatch(/^gsk_/);
    expect(await findUserByToken(t.db, token!)).toMatchObject({ name: "ana" });
    const id = /token (\S+) for ana/.exec(header!)![1]!;
    await runTokenCommand(t.db, ["revoke", id], io());
    expect(await findUserByToken(t.db, token!)).toBeUndefined();
    await expect(runTokenCommand(t.db, ["revoke", id], io())).rejects.toThrow(/no active token/);
  });

  it("refuses an unknown user", async () => {
    await expect(runTokenCommand(t.db, ["create", "--user", "ghost"], io())).rejects.toThrow(/no user named ghost/);
  });
});
