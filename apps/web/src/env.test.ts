import { describe, expect, it } from "vitest";
import { DEFAULT_API_URL, parseEnv } from "./env.ts";

describe("parseEnv", () => {
  it("defaults to the local API", () => {
    expect(parseEnv({}).apiUrl).toBe(DEFAULT_API_URL);
    expect(parseEnv({ GROKSCOPE_API_URL: "  " }).apiUrl).toBe(DEFAULT_API_URL);
  });

  it("normalises trailing slashes and a /graphql suffix", () => {
    expect(parseEnv({ GROKSCOPE_API_URL: "http://10.0.0.2:5123/" }).apiUrl).toBe("http://10.0.0.2:5123");
    expect(parseEnv({ GROKSCOPE_API_URL: "http://h:1/graphql" }).apiUrl).toBe("http://h:1");
    expect(parseEnv({ GROKSCOPE_API_URL: "https://h/base/" }).apiUrl).toBe("https://h/base");
  });

  it("rejects values that are not http(s) URLs", () => {
    expect(() => parseEnv({ GROKSCOPE_API_URL: "localhost:4000x" })).toThrow(/GROKSCOPE_API_URL/);
    expect(() => parseEnv({ GROKSCOPE_API_URL: "not a url" })).toThrow(/GROKSCOPE_API_URL/);
  });

  it("derives the browser's WebSocket URL from the API, or takes GROKSCOPE_PUBLIC_WS_URL", () => {
    expect(parseEnv({ GROKSCOPE_API_URL: "http://127.0.0.1:5123/" }).wsUrl).toBe("ws://127.0.0.1:5123/graphql");
    expect(parseEnv({ GROKSCOPE_API_URL: "https://h/base" }).wsUrl).toBe("wss://h/base/graphql");
    expect(parseEnv({ GROKSCOPE_PUBLIC_WS_URL: "wss://lab.example/graphql" }).wsUrl).toBe("wss://lab.example/graphql");
    expect(() => parseEnv({ GROKSCOPE_PUBLIC_WS_URL: "http://lab.example/graphql" })).toThrow(/GROKSCOPE_PUBLIC_WS_URL/);
  });
});
