"use client";

import type { ReactNode } from "react";
import { useCanEdit } from "../hooks/use-me.tsx";

/** Shows its children only to callers who may change things (not to viewers or anonymous callers). */
export function EditOnly({ children }: { children: ReactNode }) {
  return useCanEdit() ? <>{children}</> : null;
}
