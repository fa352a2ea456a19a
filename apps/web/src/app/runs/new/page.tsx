import type { Metadata } from "next";
import { RunForm } from "../../../components/run-form.tsx";

export const metadata: Metadata = { title: "New run" };

export default function NewRunPage() {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>New run</h1>
          <p className="muted">
            Defaults are the paper&apos;s cell: p = 97, addition, 40 % of pairs for training, AdamW (lr 10⁻³, λ = 1), τ = 1,
            cross-entropy, 10,000 steps.
          </p>
        </div>
      </div>
      <RunForm />
    </>
  );
}
