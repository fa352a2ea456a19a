import { Suspense } from "react";
import { PredictorView } from "../../components/predictor/predictor-view.tsx";

export const metadata = { title: "Predictor" };

export default function PredictorPage() {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Onset predictor</h1>
          <p className="muted">How well T_grok was forecast on finished runs: error by lead time, 80 % interval coverage and rank correlation.</p>
        </div>
      </div>
      {/* useSearchParams needs a Suspense boundary for static rendering. */}
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <PredictorView />
      </Suspense>
    </>
  );
}
