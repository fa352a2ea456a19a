import { describe, expect, it } from "vitest";
import { trendNowcast } from "./nowcast-trend.ts";
import type { HistoryPoint } from "./types.ts";

/** test_acc along a logistic climb centred at `mid` (steepness k per step) over a floor of 0.01. */
const climb = (mid: number, k: number, until: number): HistoryPoint[] =>
  Array.from({ length: until / 10 + 1 }, (_, i) => {
    const step = i * 10;
    return { step, metrics: { test_acc: 0.01 + 0.99 / (1 + Math.exp(-k * (step - mid))) } };
  });

describe("trendNowcast", () => {
  it("finds where a logistic climb crosses 0.90 from its first readings", () => {
    const mid = 1000;
    const k = 0.01;
    // 0.01 + 0.99·σ(k(t − mid)) = 0.90 ⇒ t = mid + ln(0.89/0.10)/k ≈ 1218.6
    const crossing = mid + Math.log(0.89 / 0.1) / k;
    const asOf = 1100; // test_acc ≈ 0.74: climbing, not there yet
    const d = trendNowcast(climb(mid, k, asOf), asOf)!;
    expect(d.anchor).toBe(asOf);
    expect(asOf + Math.exp(d.logDelay)).toBeGreaterThan(crossing - 25);
    expect(asOf + Math.exp(d.logDelay)).toBeLessThan(crossing + 25);
  });

  it("says nothing before a climb of three readings, or when accuracy is falling", () => {
    expect(trendNowcast(climb(1000, 0.01, 100), 100)).toBeUndefined(); // all at the floor
    const falling: HistoryPoint[] = [0.5, 0.45, 0.4, 0.3].map((acc, i) => ({ step: i * 10, metrics: { test_acc: acc } }));
    expect(trendNowcast(falling, 30)).toBeUndefined();
  });

});
