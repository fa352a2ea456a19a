import { createServer } from "node:net";
import { findFreePort } from "@grokscope/db";

/** The preferred port if it is free on `host`, otherwise any free one (0 means any). */
export async function portOrFree(preferred: number, host: string): Promise<number> {
  if (preferred === 0) return findFreePort();
  const free = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(preferred, host, () => server.close(() => resolve(true)));
  });
  return free ? preferred : findFreePort();
}
