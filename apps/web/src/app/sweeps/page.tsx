import Link from "next/link";
import { EditOnly } from "../../components/edit-only.tsx";
import { SweepsList } from "../../components/sweep/sweeps-list.tsx";

export const metadata = { title: "Sweeps" };

export default function SweepsPage() {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Sweeps</h1>
          <p className="muted">Grids of runs launched together; open one for its phase heatmap and collapse plot.</p>
        </div>
        <EditOnly>
          <Link href="/sweeps/new" className="button button-primary">
            New sweep
          </Link>
        </EditOnly>
      </div>
      <SweepsList />
    </>
  );
}
