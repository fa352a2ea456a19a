import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDatabase } from "../testing/index.ts";
import { apiTokens, sessions, users } from "../schema/users.ts";
import {
  countUsers,
  createApiToken,
  createSession,
  createUser,
  deleteSession,
  findSession,
  findUserByToken,
  hashSecret,
  revokeToken,
  setPassword,
  verifyPassword,
} from "./users.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => void (t = await createTestDatabase(inject("pgAdminUrl"))));
afterAll(async () => t?.drop());

describe("users and passwords", () => {
  it("stores a salted scrypt hash, never the password, and verifies it", async () => {
    const before = await countUsers(t.db);
    const ada = await createUser(t.db, { name: "ada", role: "editor", password: "correct horse" });
    await createUser(t.db, { name: "bob", role: "viewer", password: "correct horse" });
    expect(await countUsers(t.db)).toBe(before + 2);
    const rows = await t.db.select().from(users).where(sql`${users.name} IN ('ada', 'bob')`);
    expect(rows.every((r) => r.passwordHash?.startsWith("scrypt$") && !r.passwordHash.includes("correct"))).toBe(true);
    expect(rows[0]!.passwordHash).not.toBe(rows[1]!.passwordHash);
    expect(await verifyPassword(t.db, "ada", "correct horse")).toEqual(ada);
    expect(await verifyPassword(t.db, "ada", "wrong")).toBeUndefined();
    expect(await verifyPassword(t.db, "nobody", "correct horse")).toBeUndefined();
  });

  it("changes a password", async () => {
    await createUser(t.db, { name: "cy", role: "viewer" });
    expect(await verifyPassword(t.db, "cy", "pw")).toBeUndefined();
    expect(await setPassword(t.db, "cy", "pw")).toBe(true);
    expect((await verifyPassword(t.db, "cy", "pw"))?.name).toBe("cy");
    expect(await setPassword(t.db, "nobody", "pw")).toBe(false);
  });
});

describe("API tokens", () => {
  it("stores only the SHA-256 of a prefixed random token and resolves it to its user", async () => {
    const dee = await createUser(t.db, { name: "dee", role: "admin" });
    const { id, token } = await createApiToken(t.db, { userId: dee.id, name: "laptop" });
    expect(token).toMatch(/^gsk_[A-Za-z0-9_-]{43}$/);
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row!.tokenHash).toBe(hashSecret(token));
    expect(row!.tokenHash).not.toContain(token);
    expect(await findUserByToken(t.db, token)).toEqual(dee);
    expect(await findUserByToken(t.db, token + "x")).toBeUndefined();
  });

  it("touches last_used_at at most once a minute", async () => {
    const eve = await createUser(t.db, { name: "eve", role: "viewer" });
    const { id, token } = await createApiToken(t.db, { userId: eve.id, name: "ci" });
    const lastUsed = async () => (await t.db.select().from(apiTokens).where(eq(apiTokens.id, id)))[0]!.lastUsedAt;
    await findUserByToken(t.db, token);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await findUserByToken(t.db, token);
    expect(await lastUsed()).toEqual(first);
    await t.db.update(apiTokens).set({ lastUsedAt: sql`now() - interval '2 minutes'` }).where(eq(apiTokens.id, id));
    const aged = await lastUsed();
    await findUserByToken(t.db, token);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(aged!.getTime());
  });

  it("stops accepting a revoked token", async () => {
    const fay = await createUser(t.db, { name: "fay", role: "editor" });
    const { id, token } = await createApiToken(t.db, { userId: fay.id, name: "x" });
    expect(await revokeToken(t.db, id)).toBe(true);
    expect(await revokeToken(t.db, id)).toBe(false);
    expect(await revokeToken(t.db, "not-a-uuid")).toBe(false);
    expect(await findUserByToken(t.db, token)).toBeUndefined();
  });
});

describe("sessions", () => {
  it("finds a live session, not an expired or deleted one", async () => {
    const gus = await createUser(t.db, { name: "gus", role: "viewer" });
    const live = await createSession(t.db, gus.id);
    expect(await findSession(t.db, live.token)).toEqual(gus);
    const [stored] = await t.db.select().from(sessions).where(eq(sessions.tokenHash, hashSecret(live.token)));
    expect(stored).toBeDefined();
    const expired = await createSession(t.db, gus.id, -1000);
    expect(await findSession(t.db, expired.token)).toBeUndefined();
    await deleteSession(t.db, live.token);
    expect(await findSession(t.db, live.token)).toBeUndefined();
  });
});
