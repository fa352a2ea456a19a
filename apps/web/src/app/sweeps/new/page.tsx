import { SweepForm } from "../../../components/sweep/sweep-form.tsx";

export const metadata = { title: "New sweep" };

export default function NewSweepPage() {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>New sweep</h1>
          <p className="muted">A grid of runs, one multi-seed run per cell. The count updates as you type.</p>
        </div>
      </div>
      <SweepForm />
    </>
  );
}
