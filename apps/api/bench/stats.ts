/** Runs `fn` `warmup` times untimed, then `n` times; returns the p50 / p95 in milliseconds. */
export async function timeIt(fn: () => Promise<void>, n: number, warmup = 10): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

export interface Row {
  measure: string;
  value: string;
  target: string;
  ok: boolean | null;
}

export function printTable(rows: Row[]) {
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => [r.measure, r.value, r.target][i]!.length), 8));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 4)).join(" | ");
  console.log(line(["measure", "value", "target", "ok"]));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-") + "-|---");
  for (const r of rows) console.log(line([r.measure, r.value, r.target, r.ok === null ? "-" : r.ok ? "yes" : "NO"]));
}
