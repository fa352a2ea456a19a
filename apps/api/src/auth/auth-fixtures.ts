import { sql } from "drizzle-orm";
import { createApiToken, createUser, type Db, type Role } from "@grokscope/db";

/** A user of `role` and a fresh Bearer header for it. */
export async function userWithToken(db: Db, name: string, role: Role) {
  const user = await createUser(db, { name, role, password: `${name}-password` });
  const { id, token } = await createApiToken(db, { userId: user.id, name: "test" });
  return { user, tokenId: id, token, headers: { authorization: `Bearer ${token}` } };
}

/** Row counts of every table, to prove a refused request wrote nothing. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = await db.execute<{ name: string }>(sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const out: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(name)}`);
    out[name] = Number(r.rows[0]!.n);
  }
  return out;
}
