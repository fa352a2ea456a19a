import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { and, count, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { apiTokens, sessions, users, type Role, type UserRow } from "../schema/users.ts";

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

/** The caller as the API sees it: never carries a hash or a token. */
export interface AuthUser {
  id: string;
  name: string;
  role: Role;
}

export const TOKEN_PREFIX = "gsk_";
const SESSION_PREFIX = "gss_";
const KEY_LENGTH = 64;
/** last_used_at is bookkeeping, not an audit log: one write a minute per token is enough. */
const LAST_USED_GRANULARITY_MS = 60_000;

/** Only this hash ever reaches the database, so a leaked table does not leak credentials. */
export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");
const newSecret = (prefix: string) => prefix + randomBytes(32).toString("base64url");
const asAuthUser = (u: Pick<UserRow, "id" | "name" | "role">): AuthUser => ({ id: u.id, name: u.name, role: u.role });

export async function createUser(db: Db, input: { name: string; role: Role; password?: string }): Promise<AuthUser> {
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const [row] = await db.insert(users).values({ name: input.name, role: input.role, passwordHash }).returning();
  return asAuthUser(row!);
}

export async function findUserByName(db: Db, name: string): Promise<AuthUser | undefined> {
  const [row] = await db.select().from(users).where(eq(users.name, name));
  return row && asAuthUser(row);
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0);
}

/** scrypt with a fresh 16-byte salt, stored as "scrypt$<salt>$<key>" (both base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH);
  return `scrypt$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await scrypt(password, Buffer.from(salt, "base64url"), expected.length);
  return timingSafeEqual(actual, expected);
}

/** Returns false when the user does not exist. */
export async function setPassword(db: Db, name: string, password: string): Promise<boolean> {
  const rows = await db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.name, name)).returning({ id: users.id });
  return rows.length > 0;
}

/** The user when name and password match; undefined otherwise (same answer for either mistake). */
export async function verifyPassword(db: Db, name: string, password: string): Promise<AuthUser | undefined> {
  const [row] = await db.select().from(users).where(eq(users.name, name));
  if (!row?.passwordHash) {
    // Spend the same time as a real check so response time does not reveal which names exist.
    await hashPassword(password);
    return undefined;
  }
  return (await passwordMatches(password, row.passwordHash)) ? asAuthUser(row) : undefined;
}

/** The plain token is returned once and never stored. */
export async function createApiToken(db: Db, input: { userId: string; name: string }): Promise<{ id: string; token: string }> {
  const token = newSecret(TOKEN_PREFIX);
  const [row] = await db.insert(apiTokens).values({ userId: input.userId, name: input.name, tokenHash: hashSecret(token) }).returning({ id: apiTokens.id });
  return { id: row!.id, token };
}

/** Returns false when no live token has that id. */
export async function revokeToken(db: Db, id: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export async function findUserByToken(db: Db, token: string): Promise<AuthUser | undefined> {
  const [row] = await db
    .select({ id: users.id, name: users.name, role: users.role, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashSecret(token)), isNull(apiTokens.revokedAt)));
  if (!row) return undefined;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
    const stale = new Date(Date.now() - LAST_USED_GRANULARITY_MS);
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiTokens.id, row.tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, stale))));
  }
  return asAuthUser(row);
}

export const SESSION_TTL_MS = 14 * 24 * 3600_000;

/** The plain session secret goes into the cookie; only its hash is stored. */
export async function createSession(db: Db, userId: string, ttlMs = SESSION_TTL_MS): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret(SESSION_PREFIX);
  const expiresAt = new Date(Date.now() + ttlMs);
  await db.insert(sessions).values({ tokenHash: hashSecret(token), userId, expiresAt });
  return { token, expiresAt };
}

export async function findSession(db: Db, token: string): Promise<AuthUser | undefined> {
  const [row] = await db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashSecret(token)), gt(sessions.expiresAt, sql`now()`)));
  return row && asAuthUser(row);
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashSecret(token)));
}
