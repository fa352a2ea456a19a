import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { RunView } from "../../../components/run-view.tsx";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <p className="crumbs">
        <Link href="/">← All runs</Link>
      </p>
      <Suspense fallback={<p className="muted">Loading run…</p>}>
        <RunView id={id} />
      </Suspense>
    </>
  );
}
