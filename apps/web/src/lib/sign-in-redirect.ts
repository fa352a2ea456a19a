import type { GraphQLErrorItem } from "./types.ts";

/**
 * Where an anonymous browser goes when the API refuses it (auth is on and it has no session):
 * the sign-in page, which returns to the page it came from. Null when the errors are about
 * something else, or when we are already on the sign-in page (no redirect loop).
 */
export function signInRedirect(errors: readonly GraphQLErrorItem[], location: { pathname: string; search: string }): string | null {
  if (!errors.some((e) => e.extensions?.code === "UNAUTHENTICATED")) return null;
  if (location.pathname.startsWith("/sign-in")) return null;
  return `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`;
}
