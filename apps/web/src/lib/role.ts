/** Roles from the API's Query.me (apps/api/auth.graphql): each includes the ones before it. */
export type Role = "VIEWER" | "EDITOR" | "ADMIN";
export interface Me {
  name: string;
  role: Role;
}

/**
 * Whether mutating controls are shown. Unknown (`undefined`: not answered yet, or an API without
 * Query.me) shows them, since the API still refuses a forbidden mutation with FORBIDDEN; only a
 * caller the API names as VIEWER, or an anonymous caller (`null`), gets the read-only dashboard.
 */
export const canEdit = (me: Me | null | undefined): boolean => me === undefined || (me !== null && me.role !== "VIEWER");

export const ME_QUERY = /* GraphQL */ `
  query Me {
    me { name role }
  }
`;
