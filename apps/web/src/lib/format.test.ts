import { describe, expect, it } from "vitest";
import { formatDuration, formatInt, formatNumber, formatPercent, formatTick, formatTimestamp, isActiveStatus, progressPercent, statusLabel } from "./format.ts";

describe("status", () => {
  it("is shown lowercase and active while queued or running", () => {
    expect(statusLabel("SUCCEEDED")).toBe("succeeded");
    expect(isActiveStatus("QUEUED")).toBe(true);
    expect(isActiveStatus("RUNNING")).toBe(true);
    expect(isActiveStatus("CANCELLED")).toBe(false);
  });
});

describe("formatNumber", () => {
  it("keeps significant digits and switches to exponent form at the extremes", () => {
    expect(formatNumber(0.0012345)).toBe("0.00123");
    expect(formatNumber(12.3456)).toBe("12.3");
    expect(formatNumber(0.00001234)).toBe("1.23e-5");
    expect(formatNumber(1e-4, 1)).toBe("1e-4");
    expect(formatNumber(0)).toBe("0");
  });
  it("shows a dash for missing values", () => {
    expect(formatNumber(null)).toBe("—");
    expect(formatNumber(NaN)).toBe("—");
  });
});

describe("formatPercent / formatInt", () => {
  it("formats fractions and integers", () => {
    expect(formatPercent(0.9731)).toBe("97.3%");
    expect(formatPercent(undefined)).toBe("—");
    expect(formatInt(10000)).toBe("10,000");
  });
});

describe("progressPercent", () => {
  it("rounds down and clamps", () => {
    expect(progressPercent(0, 600)).toBe(0);
    expect(progressPercent(599, 600)).toBe(99);
    expect(progressPercent(600, 600)).toBe(100);
    expect(progressPercent(700, 600)).toBe(100);
    expect(progressPercent(5, 0)).toBe(0);
  });
});

describe("formatDuration / formatTimestamp / formatTick", () => {
  it("formats durations", () => {
    expect(formatDuration(42.4)).toBe("42 s");
    expect(formatDuration(185)).toBe("3 min 5 s");
    expect(formatDuration(7440)).toBe("2 h 4 min");
    expect(formatDuration(null)).toBe("—");
  });
  it("formats timestamps in UTC and tolerates junk", () => {
    expect(formatTimestamp("2025-11-28T12:25:03.123Z")).toBe("2025-11-28 12:25:03 UTC");
    expect(formatTimestamp("nope")).toBe("—");
  });
  it("abbreviates thousands on axes", () => {
    expect(formatTick(2000)).toBe("2k");
    expect(formatTick(2500)).toBe("2.5k");
    expect(formatTick(0.5)).toBe("0.5");
  });
});
