import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from "graphql";

/** Syntactically valid placeholder values per scalar (tests only): right type, meaningless content. */
const SCALARS: Record<string, unknown> = {
  ID: "00000000-0000-4000-8000-000000000000",
  String: "x",
  Int: 1,
  Float: 1,
  Boolean: true,
  JSON: {},
  DateTime: "2026-01-01T00:00:00Z",
};

/** A value GraphQL will coerce for `type`, filling only the required input fields. */
function placeholder(type: GraphQLInputType): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [placeholder(inner.ofType)];
  if (isEnumType(inner)) return inner.getValues()[0]!.name;
  if (isInputObjectType(inner)) {
    return Object.fromEntries(
      Object.values(inner.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, placeholder(f.type)]),
    );
  }
  if (isScalarType(inner)) return SCALARS[inner.name] ?? "x";
  throw new Error(`no placeholder for ${String(type)}`);
}

/** A request calling `field` with every required argument as a variable, selecting only __typename. */
export function callWithPlaceholders(field: GraphQLField<unknown, unknown>, operation: "mutation" | "query" = "mutation") {
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const vars = required.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
  const args = required.map((a) => `${a.name}: $${a.name}`).join(", ");
  const selection = isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? "" : " { __typename }";
  const query = `${operation}${vars ? `(${vars})` : ""} { ${field.name}${args ? `(${args})` : ""}${selection} }`;
  return { query, variables: Object.fromEntries(required.map((a) => [a.name, placeholder(a.type)])) };
}
