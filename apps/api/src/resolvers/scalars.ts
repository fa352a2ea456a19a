import { GraphQLScalarType, Kind, valueFromASTUntyped } from "graphql";

export const DateTime = new GraphQLScalarType({
  name: "DateTime",
  description: "An ISO-8601 timestamp in UTC.",
  serialize: (v) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString()),
});

export const JSONScalar = new GraphQLScalarType({
  name: "JSON",
  description: "An arbitrary JSON value (used for a run's raw config).",
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: (ast) => (ast.kind === Kind.NULL ? null : valueFromASTUntyped(ast)),
});
