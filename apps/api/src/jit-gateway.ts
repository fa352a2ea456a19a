import type { ApolloServerOptionsWithGateway, BaseContext } from "@apollo/server";
import { execute, getNamedType, getVariableValues, GraphQLError, isInputObjectType, printSchema, typeFromAST, type DocumentNode, type ExecutionResult, type GraphQLInputObjectType, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";

type Gateway = ApolloServerOptionsWithGateway<BaseContext>["gateway"];
type Executor = NonNullable<Awaited<ReturnType<Gateway["load"]>>["executor"]>;

/**
 * Apollo with its operations executed by graphql-jit, which compiles each query document into
 * one JS function instead of interpreting it field by field. A 1,000-bucket series answer is
 * 7,000 leaf fields: graphql-js spent several milliseconds per request walking them (argument
 * maps, type checks, completion), graphql-jit well under one, and its results are plain objects
 * that JSON.stringify writes faster (apps/api/bench/registry.ts).
 *
 * Apollo Server has no executor option since v4; its gateway interface is the supported seam for
 * one (a gateway hands Apollo a schema and an executor). Parsing, validation (depth limit), the
 * cost check and error formatting stay Apollo's. A compiled query is kept per document object:
 * Apollo's document store hands back the same DocumentNode for the same query text, so a
 * dashboard's repeated queries compile once. A document graphql-jit does not compile (it answers
 * errors instead) runs on graphql-js, which reports them as GraphQL always has, and so does an
 * operation with a variable of a recursive input type (RunFilter's and/or/not): graphql-jit's
 * compiler recurses through such a type forever (graphql-jit issue #81) until the heap runs out.
 * Subscriptions (graphql-ws, server.ts) run on graphql-js too.
 *
 * `onEngine` is told which engine ran each operation (for tests).
 */
export function jitGateway(schema: GraphQLSchema, onEngine?: (engine: "jit" | "graphql-js") => void): Gateway {
  const cyclic = cyclicInputTypes(schema);
  const jitSafe = (operation: OperationDefinitionNode) =>
    (operation.variableDefinitions ?? []).every((v) => {
      const type = typeFromAST(schema, v.type as Parameters<typeof typeFromAST>[1]);
      return !type || !cyclic.has(getNamedType(type).name);
    });
  const runOnGraphqlJs = (args: Parameters<typeof execute>[0]) => {
    onEngine?.("graphql-js");
    return execute(args) as Promise<ExecutionResult>;
  };
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | undefined>>();
  const compiledFor = (document: DocumentNode, operationName: string | null): CompiledQuery | undefined => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    const key = operationName ?? "";
    if (!byOperation.has(key)) {
      const result = compileQuery(schema, document, operationName ?? undefined);
      byOperation.set(key, isCompiledQuery(result) ? result : undefined);
    }
    return byOperation.get(key);
  };

  const executor: Executor = async ({ document, operation, operationName, request, context }) => {
    // Apollo found no operation of the requested name (its own operationName is then null, so the
    // request's is passed): graphql-js words the error as clients know it.
    if (!operation) return runOnGraphqlJs({ schema, document, operationName: request.operationName, contextValue: context, variableValues: request.variables });
    // Variables are checked by graphql-js first, so a bad one gets its usual error (which Apollo
    // codes BAD_USER_INPUT and input-errors.ts names the field of); graphql-jit words them otherwise.
    const checked = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
    if (checked.errors) return { errors: checked.errors };
    const query = jitSafe(operation) ? compiledFor(document, operationName) : undefined;
    if (!query) return runOnGraphqlJs({ schema, document, operationName, contextValue: context, variableValues: request.variables });
    onEngine?.("jit");
    const result = (await query.query(undefined, context, request.variables ?? {})) as ExecutionResult;
    return result.errors ? { ...result, errors: result.errors.map(upstreamError) } : result;
  };

  return {
    // Apollo expects the schema announced before load() resolves.
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    load: async () => ({ executor }),
    stop: async () => {},
  };
}

/**
 * graphql-jit's errors pass `instanceof GraphQLError` but leave `extensions` undefined where
 * graphql-js always sets an object, and Apollo's error formatting reads `extensions.code`: it
 * failed on them and answered a bare internal error, never reaching formatError (which turns a
 * database outage or a NUL character into their codes from the original error).
 */
function upstreamError(error: GraphQLError): GraphQLError {
  const upstream = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions ?? undefined });
  if (error.locations) Object.assign(upstream, { locations: error.locations });
  return upstream;
}

/** Input object types from which an input object type can reach itself (or such a type). */
function cyclicInputTypes(schema: GraphQLSchema): Set<string> {
  const inputs = Object.values(schema.getTypeMap()).filter(isInputObjectType);
  const children = (t: GraphQLInputObjectType) =>
    Object.values(t.getFields())
      .map((f) => getNamedType(f.type))
      .filter(isInputObjectType);
  const reaches = (from: GraphQLInputObjectType, target: GraphQLInputObjectType, seen = new Set<string>()): boolean =>
    children(from).some((c) => c === target || (!seen.has(c.name) && (seen.add(c.name), reaches(c, target, seen))));
  const onCycle = new Set(inputs.filter((t) => reaches(t, t)).map((t) => t.name));
  // A type that merely contains a cyclic one sends the compiler round the same loop.
  return new Set(inputs.filter((t) => onCycle.has(t.name) || [...onCycle].some((name) => reaches(t, schema.getType(name) as GraphQLInputObjectType))).map((t) => t.name));
}
