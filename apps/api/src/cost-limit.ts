import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

export interface CostLimits {
  /** Largest accepted estimate (see estimateCost). */
  maxCost: number;
  /** Largest number of field selections after fragments are expanded. */
  maxFields: number;
  maxAliases: number;
}

/**
 * Sized so the dashboard's heaviest screens fit with room to spare: the run page asks for
 * metrics(maxPoints: 1000) ≈ 8,000 and the run table runs(first: 200) ≈ 5,000.
 */
export const DEFAULT_COST_LIMITS: CostLimits = { maxCost: 50_000, maxFields: 500, maxAliases: 50 };

/** Arguments that say how many items a field returns. */
const SIZE_ARGS = ["first", "maxPoints", "buckets"];
/** Assumed length of a list whose size no argument bounds. */
export const DEFAULT_LIST_SIZE = 10;
const STOP_AFTER_FIELDS = 100_000;
/**
 * Larger sizes count as this: resolvers refuse them anyway (first is capped at 200), and the
 * client deserves that precise BAD_USER_INPUT rather than a generic "too complex".
 */
const MAX_COUNTED_SIZE = 10_000;

export interface CostEstimate {
  cost: number;
  fields: number;
  aliases: number;
}

/**
 * Static estimate, before execution: each field costs 1 plus its children's cost times its
 * multiplier — the value of its first/maxPoints/buckets argument (request variable, variable
 * default or schema default), else DEFAULT_LIST_SIZE for a list. A list directly inside a sized
 * field (a connection's nodes, a series' points) is the items already counted, so it multiplies by 1.
 */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null, variables?: Record<string, unknown> | null): CostEstimate {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    else if (d.kind === Kind.OPERATION_DEFINITION) operations.push(d);
  }
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  const total: CostEstimate = { cost: 0, fields: 0, aliases: 0 };
  if (!operation) return total;
  const root = operation.operation === "query" ? schema.getQueryType() : operation.operation === "mutation" ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return total;

  const variableDefaults = new Map(operation.variableDefinitions?.map((v) => [v.variable.name.value, v.defaultValue ? valueFromASTUntyped(v.defaultValue) : undefined]) ?? []);
  const sizeOf = (field: FieldNode, argDefaults: Map<string, unknown>): number | undefined => {
    for (const name of SIZE_ARGS) {
      if (!argDefaults.has(name)) continue;
      const arg = field.arguments?.find((a) => a.name.value === name);
      let value: unknown = argDefaults.get(name);
      if (arg?.value.kind === Kind.VARIABLE) value = variables?.[arg.value.name.value] ?? variableDefaults.get(arg.value.name.value) ?? value;
      else if (arg) value = valueFromASTUntyped(arg.value);
      return typeof value === "number" && Number.isFinite(value) ? Math.min(MAX_COUNTED_SIZE, Math.max(1, value)) : DEFAULT_LIST_SIZE;
    }
    return undefined;
  };

  const costOf = (set: SelectionSetNode, type: GraphQLNamedType, sized: boolean, seen: ReadonlySet<string>): number => {
    let cost = 0;
    for (const s of set.selections) {
      // Fragments spread many times can expand exponentially; past the cap the answer is known.
      if (total.fields > STOP_AFTER_FIELDS) break;
      if (s.kind === Kind.FIELD) {
        total.fields += 1;
        if (s.alias) total.aliases += 1;
        const def = isObjectType(type) || isInterfaceType(type) ? type.getFields()[s.name.value] : undefined;
        if (!def || !s.selectionSet) {
          cost += 1;
          continue;
        }
        const size = sizeOf(s, new Map(def.args.map((a) => [a.name, a.defaultValue])));
        const list = isListType(getNullableType(def.type));
        const multiplier = size ?? (list && !sized ? DEFAULT_LIST_SIZE : 1);
        cost += 1 + multiplier * costOf(s.selectionSet, getNamedType(def.type), size !== undefined, seen);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const on = s.typeCondition ? (schema.getType(s.typeCondition.name.value) ?? type) : type;
        cost += costOf(s.selectionSet, on, sized, seen);
      } else if (!seen.has(s.name.value)) {
        const fragment = fragments.get(s.name.value);
        if (fragment) cost += costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? type, sized, new Set([...seen, s.name.value]));
      }
    }
    return cost;
  };
  total.cost = costOf(operation.selectionSet, root, false, new Set());
  return total;
}

/** The QUERY_TOO_COMPLEX error for a document over any limit, or undefined when it fits. */
export function checkCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined, limits: CostLimits = DEFAULT_COST_LIMITS): GraphQLError | undefined {
  const e = estimateCost(schema, document, operationName, variables);
  const over = (what: string, value: number, limit: number) =>
    new GraphQLError(`query ${what} ${value} exceeds the limit of ${limit}`, { extensions: { code: "QUERY_TOO_COMPLEX", cost: value, limit, http: { status: 400 } } });
  if (e.aliases > limits.maxAliases) return over("alias count", e.aliases, limits.maxAliases);
  if (e.fields > limits.maxFields) return over("field count", e.fields, limits.maxFields);
  if (e.cost > limits.maxCost) return over("estimated cost", e.cost, limits.maxCost);
  return undefined;
}
