/**
 * The compare view loads up to MAX_COMPARE runs. One request per run would queue behind the
 * browser's six connections per host; one document for all would exceed the API's alias and cost
 * limits (apps/api/src/cost-limit.ts). So runs are fetched in batches: one document per batch,
 * each run an aliased `run(id)` field with its own id variable.
 */
export const COMPARE_BATCH = 10;

const RUN_FIELDS = `id name status
      config { p temperature weightDecay loss lr trainFraction }
      summary { tMem tGrok }
      metrics(keys: $keys, maxPoints: $maxPoints) { key seed points { step value min max } }`;

export interface CompareBatch {
  query: string;
  variables: Record<string, unknown>;
  /** Alias of each run in the answer, in the order of `ids`. */
  aliases: string[];
}

/** Splits ids into batches of `size` and builds each batch's document and variables. */
export function compareBatches(ids: readonly string[], metric: string, maxPoints: number, size = COMPARE_BATCH): CompareBatch[] {
  const batches: CompareBatch[] = [];
  for (let start = 0; start < ids.length; start += size) {
    const chunk = ids.slice(start, start + size);
    const aliases = chunk.map((_, i) => `r${i}`);
    const params = chunk.map((_, i) => `$id${i}: ID!`).join(", ");
    const fields = chunk.map((_, i) => `r${i}: run(id: $id${i}) { ${RUN_FIELDS} }`).join("\n    ");
    const variables: Record<string, unknown> = { keys: [metric], maxPoints };
    chunk.forEach((id, i) => (variables[`id${i}`] = id));
    batches.push({ query: `query CompareRuns(${params}, $keys: [String!], $maxPoints: Int) {\n    ${fields}\n  }`, variables, aliases });
  }
  return batches;
}
