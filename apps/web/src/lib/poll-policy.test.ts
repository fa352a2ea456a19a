import { describe, expect, it } from "vitest";
import { shouldPollAgain } from "./poll-policy.ts";

describe("shouldPollAgain", () => {
  it("keeps polling while the run is live", () => {
    expect(shouldPollAgain("QUEUED", 0)).toBe(true);
    expect(shouldPollAgain("RUNNING", 0)).toBe(true);
  });
  it("does one last fetch after the first terminal status, then stops", () => {
    for (const status of ["SUCCEEDED", "FAILED", "CANCELLED"] as const) {
      expect(shouldPollAgain(status, 1)).toBe(true);
      expect(shouldPollAgain(status, 2)).toBe(false);
    }
  });
  it("stops when the run does not exist", () => {
    expect(shouldPollAgain(null, 0)).toBe(false);
  });
});
