import { Suspense } from "react";
import { ReproduceView } from "../../components/sweep/reproduce-view.tsx";

export const metadata = { title: "Reproduce the paper" };

export default function ReproducePage() {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Reproduce the paper</h1>
          <p className="muted">
            The mediation sweep: clamp ρ ∈ {"{1.00, 1.15}"} × τ ∈ {"{1.0, 1.15, 1.3, 1.5, 1.7}"} plus the unclamped control, CE, MLP, λ = 1. Our medians
            appear beside the paper&apos;s as the runs finish.
          </p>
        </div>
      </div>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <ReproduceView />
      </Suspense>
    </>
  );
}
