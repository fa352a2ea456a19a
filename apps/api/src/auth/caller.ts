import type { IncomingHttpHeaders } from "node:http";
import { countUsers, findSession, findUserByToken, type AuthUser, type Db } from "@grokscope/db";
import { readCookie, SESSION_COOKIE } from "./cookies.ts";

/**
 * Who is calling. `user` is null for anonymous callers; `invalidCredentials` is set when the
 * caller presented a token or session that is unknown, revoked or expired (→ UNAUTHENTICATED
 * even where anonymous access would otherwise be allowed).
 */
export interface Caller {
  user: AuthUser | null;
  invalidCredentials: boolean;
}

/** The single user of a fresh install on the developer's own machine (no users, loopback). */
export const LOCAL_ADMIN: AuthUser = { id: "local", name: "local", role: "admin" };

export const isLoopbackHost = (host: string) => /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\]|::ffff:127(\.\d{1,3}){3})$/i.test(host);

const bearer = (value: string | undefined) => {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(value ?? "");
  return m?.[1];
};

export interface CredentialSources {
  /** An `Authorization` header value (HTTP header or graphql-ws connectionParams). */
  authorization?: string | undefined;
  headers?: IncomingHttpHeaders | undefined;
}

/** Resolves the caller from a Bearer token first, then the session cookie, then the local-admin rule. */
export async function resolveCaller(db: Db, loopback: boolean, src: CredentialSources): Promise<Caller> {
  const header = src.headers?.authorization;
  const token = bearer(src.authorization ?? (typeof header === "string" ? header : undefined));
  if (src.authorization !== undefined || header !== undefined) {
    const user = token ? await findUserByToken(db, token) : undefined;
    return { user: user ?? null, invalidCredentials: !user };
  }
  const session = readCookie(src.headers?.cookie, SESSION_COOKIE);
  if (session) {
    const user = await findSession(db, session);
    return { user: user ?? null, invalidCredentials: !user };
  }
  // Checked per request, not cached: the first `grokscope user create` must end open access at once.
  if (loopback && (await countUsers(db)) === 0) return { user: LOCAL_ADMIN, invalidCredentials: false };
  return { user: null, invalidCredentials: false };
}
