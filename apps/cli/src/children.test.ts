import { describe, expect, it } from "vitest";
import { blasThreadsPerWorker } from "./children.ts";

describe("blasThreadsPerWorker", () => {
  it("shares the cores equally between the workers, at least one thread each", () => {
    expect(blasThreadsPerWorker(2, 1)).toBe(2);
    expect(blasThreadsPerWorker(16, 4)).toBe(4);
    expect(blasThreadsPerWorker(16, 3)).toBe(5);
    expect(blasThreadsPerWorker(2, 4)).toBe(1);
    expect(blasThreadsPerWorker(8, 0)).toBe(8); // no workers: nothing to share (the value is unused)
  });

  it("the user's OPENBLAS_NUM_THREADS wins", () => {
    expect(blasThreadsPerWorker(16, 4, 1)).toBe(1);
    expect(blasThreadsPerWorker(2, 1, 8)).toBe(8);
  });
});
