import { Kind, parse, visit, type GraphQLError, type GraphQLFormattedError } from "graphql";

// graphql-js reports a wrongly typed or unknown input value as a validation error (for literals)
// or a variable-coercion error; both mean "your input is wrong", so clients get BAD_USER_INPUT
// and the field's name, exactly as for values our own zod schema rejects.
const VALUE_ERROR = /cannot represent|is not defined by type|of required type|Expected value of type|got invalid value|Expected type/;

/**
 * Strips the wrapper (variable or argument name, then `config`) so the field reads like a config
 * key: "p", not "input.config.p" or "$vars.config.p".
 */
const configField = (segments: string[]) => {
  const config = segments.indexOf("config");
  const rest = config >= 0 ? segments.slice(config + 1) : segments.slice(1);
  return rest.join(".") || segments.join(".");
};

/** Path of argument / object-field names enclosing a character offset of a document. */
function fieldAtOffset(body: string, offset: number): string | undefined {
  let found: string[] | undefined;
  const stack: string[] = [];
  const within = (node: { loc?: { start: number; end: number } }) => node.loc && node.loc.start <= offset && offset < node.loc.end;
  try {
    visit(parse(body), {
      Argument: { enter: (n) => void stack.push(n.name.value), leave: () => void stack.pop() },
      ObjectField: {
        enter: (n) => {
          stack.push(n.name.value);
          if (within(n)) found = [...stack];
        },
        leave: () => void stack.pop(),
      },
      enter: (n) => {
        if (n.kind !== Kind.OBJECT_FIELD && n.kind !== Kind.ARGUMENT && within(n) && stack.length && !found) found = [...stack];
      },
    });
  } catch {
    return undefined;
  }
  return found && configField(found);
}

/** Apollo formatError hook: recodes input-value errors and never leaks internals. */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if ((code === "GRAPHQL_VALIDATION_FAILED" || code === "BAD_USER_INPUT") && VALUE_ERROR.test(formatted.message)) {
    const original = unwrap(error);
    const variablePath = /at "([^"]+)"/.exec(formatted.message)?.[1]?.split(".");
    const unknownField = /Field "([^"]+)" is not defined/.exec(formatted.message)?.[1];
    const field =
      formatted.extensions?.field ??
      (variablePath ? configField(unknownField ? [...variablePath, unknownField] : variablePath) : unknownField) ??
      (original?.source && original.positions?.[0] !== undefined ? fieldAtOffset(original.source.body, original.positions[0]) : undefined);
    return { ...formatted, extensions: { ...formatted.extensions, code: "BAD_USER_INPUT", ...(field ? { field } : {}) } };
  }
  if (code === "INTERNAL_SERVER_ERROR") {
    // Stack traces and SQL stay in the server log.
    return { message: "Internal server error", path: formatted.path, extensions: { code } };
  }
  return formatted;
}

function unwrap(error: unknown): GraphQLError | undefined {
  if (error && typeof error === "object" && "positions" in error) return error as GraphQLError;
  return undefined;
}
