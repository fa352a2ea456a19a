"use client";

import { useMe } from "../hooks/use-me.tsx";

/** Who the dashboard acts as, and a hint when that is read-only. */
export function UserBadge() {
  const me = useMe();
  if (me === undefined) return null;
  if (me === null) return <a className="user-badge" href="/sign-in">Sign in</a>;
  return (
    <span className="user-badge" data-testid="user-badge">
      {me.name} · {me.role.toLowerCase()}
      {me.role === "VIEWER" ? " (read-only)" : ""}
    </span>
  );
}
