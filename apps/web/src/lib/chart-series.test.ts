import { describe, expect, it } from "vitest";
import { lastStep, lineValues, markersInDomain, summaryMarkers, toChartLines } from "./chart-series.ts";
import type { MetricSeries } from "./types.ts";

const pt = (step: number, value: number | null, min = value, max = value) => ({ step, value, min, max });

const series: MetricSeries[] = [
  // null: what the API sends for a diverged run's NaN or ±Infinity
  { key: "test_loss", seed: 0, points: [pt(0, 4.6), pt(10, 0), pt(20, NaN), pt(25, null), pt(30, 0.5, 0.2, 0.9), pt(40, 0.4, null, null)] },
  { key: "train_loss", seed: 0, points: [pt(0, 4.5), pt(10, 1e-4, -1, 2)] },
];

describe("toChartLines", () => {
  it("returns one line per requested key, in order, labelled and coloured", () => {
    const lines = toChartLines(series, ["train_loss", "test_loss"], "linear");
    expect(lines.map((l) => l.key)).toEqual(["train_loss", "test_loss"]);
    expect(lines.map((l) => l.label)).toEqual(["train", "test"]);
    expect(lines[0]!.color).not.toBe(lines[1]!.color);
  });

  it("drops non-finite points, keeps zero on a linear scale, keeps bucket extremes", () => {
    const [test] = toChartLines(series, ["test_loss"], "linear");
    expect(test!.points.map((p) => p.x)).toEqual([0, 10, 30, 40]);
    expect(test!.points[2]).toEqual({ x: 30, y: 0.5, y0: 0.2, y1: 0.9 });
    expect(test!.points[3]).toEqual({ x: 40, y: 0.4, y0: 0.4, y1: 0.4 }); // a bucket's null extremes fall back to its value
  });

  it("drops values that a log axis cannot draw and clamps bucket extremes", () => {
    const [train, test] = toChartLines(series, ["train_loss", "test_loss"], "log");
    expect(test!.points.map((p) => p.x)).toEqual([0, 30, 40]);
    expect(train!.points[1]).toEqual({ x: 10, y: 1e-4, y0: 1e-4, y1: 2 });
  });

  it("gives an empty line for a key without data and ignores out-of-order steps", () => {
    const lines = toChartLines([{ key: "test_acc", seed: 0, points: [pt(5, 0.1), pt(5, 0.2), pt(3, 0.3)] }], ["test_acc", "train_acc"], "linear");
    expect(lines[0]!.points).toHaveLength(1);
    expect(lines[1]!.points).toEqual([]);
  });
});

describe("toChartLines with several seeds", () => {
  const seeds: MetricSeries[] = [
    { key: "test_acc", seed: 2, points: [pt(0, 0.3), pt(10, 0.9)] },
    { key: "test_acc", seed: 0, points: [pt(0, 0.1), pt(10, 0.5)] },
    { key: "test_acc", seed: 1, points: [pt(0, 0.2), pt(10, 0.7), pt(20, 0.8)] },
    { key: "test_acc", seed: 3, points: [pt(0, 0.4), pt(10, 1)] },
  ];

  it("draws the median over seeds with the interquartile range as its band", () => {
    const [line] = toChartLines(seeds, ["test_acc"], "linear");
    expect(line!.label).toBe("test (median of 4)");
    expect(line!.points.map((p) => p.x)).toEqual([0, 10, 20]);
    const [first, second, last] = line!.points;
    expect(first!.y).toBeCloseTo(0.25);
    expect(first!.y0).toBeCloseTo(0.175);
    expect(first!.y1).toBeCloseTo(0.325);
    expect(second!.y).toBeCloseTo(0.8);
    // A step only one seed has reached yet is that seed's value, with no band.
    expect(last).toEqual({ x: 20, y: 0.8, y0: 0.8, y1: 0.8 });
  });

  it("draws one line per seed, ordered by seed, on request", () => {
    const lines = toChartLines(seeds, ["test_acc"], "linear", "each");
    expect(lines.map((l) => l.key)).toEqual(["test_acc:s0", "test_acc:s1", "test_acc:s2", "test_acc:s3"]);
    expect(lines.map((l) => l.label)).toEqual(["test s0", "test s1", "test s2", "test s3"]);
    expect(lines[1]!.points.map((p) => p.y)).toEqual([0.2, 0.7, 0.8]);
  });
});

describe("lineValues / lastStep", () => {
  it("collects values with bucket extremes and finds the last step", () => {
    const lines = toChartLines(series, ["train_loss", "test_loss"], "linear");
    expect(Math.min(...lineValues(lines))).toBe(-1);
    expect(Math.max(...lineValues(lines))).toBe(4.6);
    expect(lastStep(lines)).toBe(40);
    expect(lastStep([])).toBeUndefined();
  });
});

describe("summaryMarkers", () => {
  it("marks only the events that happened", () => {
    expect(summaryMarkers({ tMem: 120, tGrok: null })).toEqual([{ id: "t_mem", label: "T_mem", step: 120 }]);
    expect(summaryMarkers({ tMem: 120, tGrok: 4000 }).map((m) => m.step)).toEqual([120, 4000]);
    expect(summaryMarkers(null)).toEqual([]);
  });
  it("keeps markers inside the x domain", () => {
    const markers = summaryMarkers({ tMem: 50, tGrok: 500 });
    expect(markersInDomain(markers, [0, 100]).map((m) => m.id)).toEqual(["t_mem"]);
  });
});

describe("saturation and layer-norm charts", () => {
  it("chart every series they name with distinct colours within a chart", async () => {
    const { RUN_CHARTS: charts, seriesColor: color, CHART_METRIC_KEYS: keys } = await import("./chart-series.ts");
    for (const id of ["saturation", "layer-norms"]) {
      const spec = charts.find((c) => c.id === id)!;
      for (const key of spec.keys) expect(keys).toContain(key);
      expect(new Set(spec.keys.map(color)).size).toBe(spec.keys.length);
    }
  });
});
