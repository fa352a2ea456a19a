import { isValidSortKey, RUN_ORDER_FIELDS, type RunOrder, type RunOrderField, type RunPosition } from "@grokscope/db";

/**
 * Opaque page cursors: base64url of [order, sort key, id]. The order travels with the cursor so
 * a cursor from one ordering is refused under another instead of silently skipping rows.
 */
const orderTag = (order: RunOrder) => `${order.field}:${order.direction}`;

export const encodeCursor = (order: RunOrder, position: RunPosition) =>
  Buffer.from(JSON.stringify([orderTag(order), position.key, position.id])).toString("base64url");

export type DecodedCursor = { ok: true; position: RunPosition } | { ok: false; reason: string };

const NOT_A_CURSOR: DecodedCursor = { ok: false, reason: "is not a cursor returned by this API" };

export function decodeCursor(cursor: string, order: RunOrder): DecodedCursor {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, "base64url").toString());
  } catch {
    return NOT_A_CURSOR;
  }
  if (!Array.isArray(parts)) return NOT_A_CURSOR;
  let parts3: unknown[] = parts;
  // Cursors issued before orderings existed: [createdAt ISO, id] under newest-first.
  if (parts.length === 2 && typeof parts[0] === "string" && typeof parts[1] === "string") {
    const at = new Date(parts[0]);
    if (Number.isNaN(at.getTime())) return NOT_A_CURSOR;
    parts3 = ["CREATED_AT:DESC", at.toISOString().replace("Z", "000"), parts[1]];
  }
  const [tag, key, id] = parts3;
  if (parts3.length !== 3 || typeof tag !== "string" || typeof id !== "string" || !(key === null || typeof key === "string")) return NOT_A_CURSOR;
  if (!/^[0-9a-f-]{36}$/i.test(id)) return NOT_A_CURSOR;
  const field = tag.split(":")[0] as RunOrderField;
  if (!RUN_ORDER_FIELDS.includes(field) || !isValidSortKey(field, key)) return NOT_A_CURSOR;
  if (tag !== orderTag(order)) return { ok: false, reason: `was issued for order ${tag}, not ${orderTag(order)}` };
  return { ok: true, position: { key, id } };
}
