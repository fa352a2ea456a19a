import type { ReactNode } from "react";

/** A titled definition list of label/value pairs (config and summary panels). */
export function KeyValues({ title, items }: { title: string; items: readonly [string, ReactNode][] }) {
  return (
    <section className="card panel">
      <h2>{title}</h2>
      <dl className="kv">
        {items.map(([label, value]) => (
          <div key={label} className="kv-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
