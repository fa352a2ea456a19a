import express, { type Request, type Response } from "express";
import { createSession, deleteSession, verifyPassword, type Db } from "@grokscope/db";
import { resolveCaller } from "./caller.ts";
import { createSignInThrottle } from "./throttle.ts";
import { clearedSessionCookie, isHttps, readCookie, SESSION_COOKIE, sessionCookie } from "./cookies.ts";

const MAX_FIELD = 200;
const error = (res: Response, status: number, code: string, message: string) => void res.status(status).json({ error: { code, message } });
const secure = (req: Request) => isHttps(req.headers, req.secure);

/** POST /auth/sign-in {name, password} → session cookie; POST /auth/sign-out; GET /auth/me. */
export function createAuthRouter(db: Db, loopback: boolean): express.Router {
  const router = express.Router();
  const throttle = createSignInThrottle();
  router.use("/auth", express.json({ limit: "8kb" }));

  router.post("/auth/sign-in", async (req, res) => {
    const { name, password } = (req.body ?? {}) as { name?: unknown; password?: unknown };
    if (typeof name !== "string" || !name || name.length > MAX_FIELD) return error(res, 400, "BAD_USER_INPUT", "name is required");
    if (typeof password !== "string" || !password || password.length > MAX_FIELD) return error(res, 400, "BAD_USER_INPUT", "password is required");
    const wait = throttle.retryAfter(name);
    if (wait > 0) {
      res.setHeader("retry-after", String(wait));
      return error(res, 429, "TOO_MANY_REQUESTS", `too many failed sign-ins; retry in ${wait} s`);
    }
    const user = await verifyPassword(db, name, password);
    // One message for an unknown name and a wrong password, so names cannot be probed.
    if (!user) {
      throttle.fail(name);
      return error(res, 401, "UNAUTHENTICATED", "wrong name or password");
    }
    throttle.succeed(name);
    const session = await createSession(db, user.id);
    res.setHeader("set-cookie", sessionCookie(session.token, session.expiresAt, secure(req)));
    res.json({ user: { name: user.name, role: user.role } });
  });

  router.post("/auth/sign-out", async (req, res) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) await deleteSession(db, token);
    res.setHeader("set-cookie", clearedSessionCookie(secure(req)));
    res.json({ ok: true });
  });

  router.get("/auth/me", async (req, res) => {
    const { user } = await resolveCaller(db, loopback, { headers: req.headers });
    if (!user) return error(res, 401, "UNAUTHENTICATED", "not signed in");
    res.json({ user: { name: user.name, role: user.role } });
  });
  return router;
}
