import { describe, expect, it } from "vitest";
import { createSignInThrottle } from "./throttle.ts";

describe("sign-in throttle", () => {
  it("blocks a name after maxFailures within the window, until the oldest failure ages out", () => {
    let clock = 0;
    const throttle = createSignInThrottle(3, 60_000, () => clock);
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfter("ann")).toBe(0);
      throttle.fail("ann");
      clock += 1000;
    }
    expect(throttle.retryAfter("ann")).toBe(57); // first failure at 0 s expires at 60 s; now 3 s
    expect(throttle.retryAfter("bob")).toBe(0);
    clock = 60_000;
    expect(throttle.retryAfter("ann")).toBe(0);
  });

  it("forgets failures after a successful sign-in", () => {
    const throttle = createSignInThrottle(2, 60_000, () => 0);
    throttle.fail("ann");
    throttle.succeed("ann");
    throttle.fail("ann");
    expect(throttle.retryAfter("ann")).toBe(0);
  });
});
