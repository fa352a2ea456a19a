import { Suspense } from "react";
import { SweepView } from "../../../components/sweep/sweep-view.tsx";

export const metadata = { title: "Sweep" };

export default async function SweepPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense fallback={<p className="muted">Loading sweep…</p>}>
      <SweepView id={id} />
    </Suspense>
  );
}
