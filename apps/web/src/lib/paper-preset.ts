/**
 * "Reproduce the paper": the mediation sweep (packages/spec paperMediationSweep, as a GraphQL
 * CreateSweepInput) and the paper's medians to lay ours beside (SCIENCE.md §7, CE, MLP, λ = 1,
 * 12 seeds; only the p = 97 cells this sweep contains).
 */
export const MEDIATION_RHOS = [1, 1.15] as const;
export const MEDIATION_TAUS = [1, 1.15, 1.3, 1.5, 1.7] as const;

export function mediationSweepInput(p: number, seeds: number, steps = 10_000) {
  return {
    name: `paper mediation p=${p} × ${seeds} seeds`,
    base: { p, steps, loss: "CE", weightDecay: 1, trainFraction: 0.4 },
    grid: [
      { field: "clamp.rho", values: [...MEDIATION_RHOS] },
      { field: "temperature", values: [...MEDIATION_TAUS] },
    ],
    // The unclamped control (the base has no clamp), at τ = 1.
    extraCells: [{ temperature: 1 }],
    seeds,
  };
}

/** SCIENCE.md §7 medians (p = 97): ρ null = unclamped. */
export const PAPER_T_GROK: readonly { rho: number | null; tau: number; tGrok: number }[] = [
  { rho: null, tau: 1, tGrok: 2750 },
  { rho: 1, tau: 1, tGrok: 1775 },
  { rho: 1.15, tau: 1, tGrok: 6050 },
  { rho: 1.15, tau: 1.7, tGrok: 1762 },
  { rho: 1, tau: 1.7, tGrok: 1088 },
];

/** The paper's median T_grok for a sweep cell's values, when the paper reports that cell. */
export function paperTGrok(values: Record<string, unknown>): number | null {
  const raw = values["clamp.rho"];
  const rho = typeof raw === "number" ? raw : null;
  const tau = typeof values.temperature === "number" ? values.temperature : 1;
  return PAPER_T_GROK.find((c) => c.rho === rho && c.tau === tau)?.tGrok ?? null;
}
