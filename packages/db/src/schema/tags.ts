import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { runs } from "./runs.ts";

/** Most tags a run may carry; enforced by the tag queries (a row count cannot be a CHECK). */
export const MAX_TAGS_PER_RUN = 50;
/** Longest tag, in characters (code points, as PostgreSQL's char_length counts them). */
export const MAX_TAG_LENGTH = 64;

/**
 * Free-form labels on runs. Tags are normalised (trimmed, lower-case) before they reach the
 * database; the CHECK only guards length and trimming, because PostgreSQL's lower() follows the
 * server's locale and could disagree with JavaScript's toLowerCase on exotic characters.
 */
export const runTags = pgTable(
  "run_tags",
  {
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    tag: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.tag] }),
    // Filtering runs by tag looks rows up by tag first.
    index("run_tags_tag_idx").on(t.tag),
    check("run_tags_tag_shape", sql`char_length(${t.tag}) BETWEEN 1 AND 64 AND ${t.tag} = btrim(${t.tag})`),
  ],
);
