import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, jsonb, pgTable, real, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { sweeps } from "./sweeps.ts";

/**
 * A run is also its own job: workers claim `queued` rows with FOR UPDATE SKIP LOCKED, so the
 * registry and the queue can never disagree about a run's state.
 */
export const runs = pgTable(
  "runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    /**
     * A compact number for the run, used as the key of its metric points instead of the uuid: an
     * index tuple of (int, smallint, int) is small enough for PostgreSQL's "localized monotonic
     * insert" page splits, which keep that index ~90 % full where a uuid key left it half empty
     * (drizzle/0005: 15 → 11 bytes per stored value). Never shown; `id` stays the public identity.
     */
    num: integer().generatedAlwaysAsIdentity().notNull().unique(),
    name: text().notNull(),
    /** Free-text notes by the team (markdown welcome); null when none. */
    notes: text(),
    status: text({ enum: ["queued", "running", "succeeded", "failed", "cancelled"] }).notNull().default("queued"),
    /** The validated config with defaults filled in (packages/spec RunConfig). */
    config: jsonb().notNull(),
    idempotencyKey: text().unique(),
    // Config knobs the runs list filters and sorts on, copied from `config` by PostgreSQL as
    // STORED generated columns: typed values make range filters and keyset cursors plain column
    // comparisons (no casts of jsonb per row), let them use indexes, and can never disagree with
    // `config`. Reals are double precision because the JSON numbers are doubles: a float4 copy of
    // τ = 1.7 would not equal the 1.7 a client filters on.
    p: integer().generatedAlwaysAs(sql`(config->>'p')::integer`),
    op: text().generatedAlwaysAs(sql`config->>'op'`),
    loss: text().generatedAlwaysAs(sql`config->>'loss'`),
    model: text().generatedAlwaysAs(sql`config->>'model'`),
    temperature: doublePrecision().generatedAlwaysAs(sql`(config->>'temperature')::double precision`),
    weightDecay: doublePrecision().generatedAlwaysAs(sql`(config->>'weightDecay')::double precision`),
    lr: doublePrecision().generatedAlwaysAs(sql`(config->>'lr')::double precision`),
    trainFraction: doublePrecision().generatedAlwaysAs(sql`(config->>'trainFraction')::double precision`),
    /** Seeds trained together (configs older than multi-seed runs had one). */
    seeds: integer().generatedAlwaysAs(sql`coalesce((config->>'seeds')::integer, 1)`),
    /** Clamp dose ρ when the clamp target is ρ·w_c; null when unclamped or clamped to an absolute norm. */
    clampRho: doublePrecision().generatedAlwaysAs(sql`(config->'clamp'->>'rho')::double precision`),
    /** The clamp target actually used (absolute, or ρ·w_c resolved when the run started). */
    clampTarget: doublePrecision(),
    /** The critical norm w_c the clamp target was calibrated from (ρ runs only). */
    criticalNorm: doublePrecision(),
    /** The sweep that enqueued this run, if any. */
    sweepId: uuid().references(() => sweeps.id, { onDelete: "set null" }),
    /** Fork source: this run started from parentRunId's checkpoint at forkStep. */
    parentRunId: uuid().references((): AnyPgColumn => runs.id, { onDelete: "set null" }),
    forkStep: integer(),
    /** Name of the user who launched it; null for runs launched before authentication existed. */
    author: text(),
    backend: text(),
    workerId: text(),
    attempts: integer().notNull().default(0),
    stepsTotal: integer().notNull(),
    stepsDone: integer().notNull().default(0),
    msPerStep: real(),
    cancelRequested: boolean().notNull().default(false),
    error: text(),
    // Summary: medians over seeds (packages/spec summarizeSeeds), censored seeds counted as +∞.
    tMem: integer(),
    tGrok: integer(),
    delay: integer(),
    seedsGrokked: integer().notNull().default(0),
    logitScaleAtGrok: real(),
    finalTrainAcc: real(),
    finalTestAcc: real(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    heartbeatAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("runs_created_idx").on(t.createdAt.desc(), t.id.desc()),
    // Only queued rows are scanned by claimers; a partial index keeps the claim O(log queued).
    index("runs_queued_idx").on(t.createdAt).where(sql`status = 'queued'`),
    // Sortable config columns never change after insert, so these indexes cost nothing on the
    // worker's frequent progress updates. Summary columns (t_grok, final_test_acc…) are left
    // unindexed on purpose: they change with every report, and an index on them would turn those
    // HOT updates into full index writes; the registry is small enough to sort them in memory.
    index("runs_p_idx").on(t.p, t.id),
    index("runs_temperature_idx").on(t.temperature, t.id),
    index("runs_weight_decay_idx").on(t.weightDecay, t.id),
    index("runs_sweep_idx").on(t.sweepId),
    index("runs_parent_idx").on(t.parentRunId),
  ],
);

export type RunRow = typeof runs.$inferSelect;
