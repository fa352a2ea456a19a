"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";

/**
 * The page's search params plus a setter that replaces the URL (no history entry, no scroll):
 * view state lives in the URL so that a view can be shared by copying the address.
 * Callers render under a <Suspense> boundary, as useSearchParams requires for static pages.
 */
export function useSearchState(): [URLSearchParams, (search: string) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const replace = useCallback((search: string) => router.replace(`${pathname}${search}`, { scroll: false }), [router, pathname]);
  return [new URLSearchParams(params.toString()), replace];
}
