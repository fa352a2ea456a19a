import { describe, expect, it } from "vitest";
import { skipCompression } from "./compression.ts";

describe("skipCompression", () => {
  it("skips gzip for a browser on this machine (loopback host, with or without port)", () => {
    for (const host of ["localhost:3000", "127.0.0.1:4100", "127.0.0.1", "[::1]:3000", "LOCALHOST"]) expect(skipCompression(host), host).toBe(true);
  });

  it("keeps gzip for any other host, or none", () => {
    for (const host of ["lab-server:3000", "10.0.0.5:3000", "grokscope.example.org", "127.0.0.1.example.org", "[2001:db8::1]:3000", ""]) expect(skipCompression(host), host).toBe(false);
    expect(skipCompression(null)).toBe(false);
  });
});
