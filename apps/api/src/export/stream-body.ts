import type { Response } from "express";

/**
 * Writes batches from `source` as they come, waiting for the socket to drain between writes, so
 * a 100k-point export never sits in memory as one string or floods a slow client. Stops reading
 * the database as soon as the client goes away.
 */
export async function streamBody<T>(
  res: Response,
  source: AsyncIterable<T[]>,
  format: { head: string; row: (item: T, index: number) => string; tail: string },
): Promise<void> {
  let index = 0;
  const write = async (chunk: string) => {
    if (res.destroyed) return false;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off("drain", done);
          res.off("close", done);
          resolve();
        };
        res.on("drain", done);
        res.on("close", done);
      });
    }
    return !res.destroyed;
  };
  if (!(await write(format.head))) return;
  for await (const batch of source) {
    let chunk = "";
    for (const item of batch) chunk += format.row(item, index++);
    if (!(await write(chunk))) return;
  }
  if (await write(format.tail)) res.end();
}
