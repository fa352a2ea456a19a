import { describe, expect, it } from "vitest";
import { proxiedExportUrl } from "./export-url.ts";

describe("proxiedExportUrl", () => {
  it("maps relative and absolute export links onto the dashboard's proxy, keeping the query", () => {
    expect(proxiedExportUrl("/export/runs/abc/metrics.csv")).toBe("/api/export/runs/abc/metrics.csv");
    expect(proxiedExportUrl("http://127.0.0.1:4000/export/runs.json?filter=%7B%7D")).toBe("/api/export/runs.json?filter=%7B%7D");
  });
  it("refuses anything that is not an export path", () => {
    expect(proxiedExportUrl("/graphql")).toBeNull();
    expect(proxiedExportUrl("/export/../graphql")).toBeNull();
    expect(proxiedExportUrl("/exports/x")).toBeNull();
  });
});
