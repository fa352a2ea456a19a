import type { ApiContext } from "../context.ts";

/** The caller's name, recorded as the author of what they create; null for anonymous callers. */
export const authorOf = (ctx: ApiContext): string | null => ctx.user?.name ?? null;
