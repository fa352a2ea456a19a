"use client";

import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { graphqlRequest } from "../lib/graphql-client.ts";
import { canEdit, ME_QUERY, type Me } from "../lib/role.ts";

const MeContext = createContext<Me | null | undefined>(undefined);

/** Asks the API who the caller is, once per page load; children read it with useMe / useCanEdit. */
export function MeProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    graphqlRequest<{ me: Me | null }>(ME_QUERY, {}, { signal: controller.signal })
      .then((data) => setMe(data.me))
      // An API without Query.me (or unreachable): stay unknown and keep the controls.
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

export const useMe = () => useContext(MeContext);
export const useCanEdit = () => canEdit(useContext(MeContext));
