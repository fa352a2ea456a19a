import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { CompareView } from "../../components/compare/compare-view.tsx";

export const metadata: Metadata = { title: "Compare runs" };

export default function ComparePage() {
  return (
    <>
      <p className="crumbs">
        <Link href="/">← All runs</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>Compare runs</h1>
          <p className="muted">One metric of every selected run, overlaid.</p>
        </div>
      </div>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <CompareView />
      </Suspense>
    </>
  );
}
