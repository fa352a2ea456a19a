import Link from "next/link";
import { EditOnly } from "../components/edit-only.tsx";
import { Suspense } from "react";
import { RunsTable } from "../components/runs-table.tsx";

export default function RunsPage() {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Runs</h1>
          <p className="muted">Every training run in the registry, live. Filter and sort on the server (the view stays in the address, so share it), tick runs to compare, tag or cancel them.</p>
        </div>
        <EditOnly>
          <Link href="/runs/new" className="button button-primary">
            New run
          </Link>
        </EditOnly>
      </div>
      <Suspense fallback={<p className="muted">Loading runs…</p>}>
        <RunsTable />
      </Suspense>
    </>
  );
}
