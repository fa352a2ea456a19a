import type { NextFunction, Request, Response } from "express";
import type { Db } from "@grokscope/db";
import { resolveCaller } from "./caller.ts";

/** Plain HTTP routes (CSV/JSON export) follow the GraphQL read rule: viewer or better. */
export const requireReader = (db: Db, loopback: boolean) => async (req: Request, res: Response, next: NextFunction) => {
  const caller = await resolveCaller(db, loopback, { headers: req.headers });
  if (caller.invalidCredentials || !caller.user) {
    res.status(401).json({ error: { code: "UNAUTHENTICATED", message: "authentication required: send a valid API token or sign in" } });
    return;
  }
  next();
};
