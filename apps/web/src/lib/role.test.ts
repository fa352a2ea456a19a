import { describe, expect, it } from "vitest";
import { canEdit } from "./role.ts";

describe("canEdit", () => {
  it("hides mutating controls from viewers and anonymous callers only", () => {
    expect(canEdit({ name: "v", role: "VIEWER" })).toBe(false);
    expect(canEdit(null)).toBe(false);
    expect(canEdit({ name: "e", role: "EDITOR" })).toBe(true);
    expect(canEdit({ name: "a", role: "ADMIN" })).toBe(true);
    expect(canEdit(undefined)).toBe(true);
  });
});
