import { GraphQLError } from "graphql";

/** Coded errors (DESIGN.md §6): clients branch on extensions.code, never on messages. */
export const badUserInput = (field: string, message: string, issues?: { field: string; message: string }[]) =>
  new GraphQLError(message.startsWith(field) ? message : `${field}: ${message}`, {
    extensions: { code: "BAD_USER_INPUT", field, ...(issues ? { issues } : {}) },
  });

export const notFound = (what: string) => new GraphQLError(`${what} not found`, { extensions: { code: "NOT_FOUND" } });

export const conflict = (message: string) => new GraphQLError(message, { extensions: { code: "CONFLICT" } });
