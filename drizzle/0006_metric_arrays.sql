-- Points of ended runs as arrays: one row per (run, seed) holding its steps and one float4[] per
-- metric, in step order. A finished run is read far more often than it is written (run pages,
-- compare views of 100 runs, the predictor corpus), and reading it is then a detoast of a few
-- arrays instead of an index scan over one row per evaluation: the 1 M points of a 100-run compare
-- view were ~0.5 s of database CPU. Arrays are also ~4.5 B per value against ~11 for rows.
-- Live runs keep appending rows to metric_points; the trigger below moves a run's rows here in the
-- transaction that ends it. Readers take both through the metric_points_all view (or, for series,
-- queries/series-read.ts). A new metric is a new column in metric_points, here, in the views and
-- in compact_run_points.
CREATE TABLE "metric_arrays" (
	"run_num" integer NOT NULL,
	"seed" smallint NOT NULL,
	"steps" integer[] NOT NULL,
	-- The steps' common difference when they are evenly spaced (the usual case: one evaluation every
	-- evalEvery steps), else NULL: a series read then rebuilds them from steps[1] instead of shipping
	-- the array (half the elements a one-metric read sends).
	"step_stride" integer,
	"train_loss" real[],
	"test_loss" real[],
	"train_acc" real[],
	"test_acc" real[],
	"weight_norm" real[],
	"logit_scale" real[],
	"norm_embed" real[],
	"norm_hidden" real[],
	"norm_readout" real[],
	"param_sq_norm" real[],
	"logit_scale_train" real[],
	"sc_rate" real[],
	"frac_saturated" real[],
	"max_prob" real[],
	"logit_margin" real[],
	"grad_norm" real[],
	"update_norm" real[],
	"fourier_score" real[],
	CONSTRAINT "metric_arrays_run_num_seed_pk" PRIMARY KEY("run_num","seed")
);--> statement-breakpoint
ALTER TABLE "metric_arrays" ADD CONSTRAINT "metric_arrays_run_num_runs_num_fk" FOREIGN KEY ("run_num") REFERENCES "public"."runs"("num") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Float arrays do not compress; stored out of line uncompressed, a read is a plain copy.
ALTER TABLE "metric_arrays" ALTER COLUMN "steps" SET STORAGE EXTERNAL, ALTER COLUMN "train_loss" SET STORAGE EXTERNAL, ALTER COLUMN "test_loss" SET STORAGE EXTERNAL, ALTER COLUMN "train_acc" SET STORAGE EXTERNAL, ALTER COLUMN "test_acc" SET STORAGE EXTERNAL, ALTER COLUMN "weight_norm" SET STORAGE EXTERNAL, ALTER COLUMN "logit_scale" SET STORAGE EXTERNAL, ALTER COLUMN "norm_embed" SET STORAGE EXTERNAL, ALTER COLUMN "norm_hidden" SET STORAGE EXTERNAL, ALTER COLUMN "norm_readout" SET STORAGE EXTERNAL, ALTER COLUMN "param_sq_norm" SET STORAGE EXTERNAL, ALTER COLUMN "logit_scale_train" SET STORAGE EXTERNAL, ALTER COLUMN "sc_rate" SET STORAGE EXTERNAL, ALTER COLUMN "frac_saturated" SET STORAGE EXTERNAL, ALTER COLUMN "max_prob" SET STORAGE EXTERNAL, ALTER COLUMN "logit_margin" SET STORAGE EXTERNAL, ALTER COLUMN "grad_norm" SET STORAGE EXTERNAL, ALTER COLUMN "update_norm" SET STORAGE EXTERNAL, ALTER COLUMN "fourier_score" SET STORAGE EXTERNAL;--> statement-breakpoint
-- Every point of every run, live or ended, in metric_points' shape.
CREATE VIEW "metric_points_all" AS
  SELECT "run_num", "seed", "step", "train_loss", "test_loss", "train_acc", "test_acc", "weight_norm", "logit_scale", "norm_embed", "norm_hidden", "norm_readout", "param_sq_norm", "logit_scale_train", "sc_rate", "frac_saturated", "max_prob", "logit_margin", "grad_norm", "update_norm", "fourier_score" FROM "metric_points"
  UNION ALL
  SELECT a."run_num", a."seed", u."step", u."train_loss", u."test_loss", u."train_acc", u."test_acc", u."weight_norm", u."logit_scale", u."norm_embed", u."norm_hidden", u."norm_readout", u."param_sq_norm", u."logit_scale_train", u."sc_rate", u."frac_saturated", u."max_prob", u."logit_margin", u."grad_norm", u."update_norm", u."fourier_score"
  FROM "metric_arrays" a, unnest(a."steps", a."train_loss", a."test_loss", a."train_acc", a."test_acc", a."weight_norm", a."logit_scale", a."norm_embed", a."norm_hidden", a."norm_readout", a."param_sq_norm", a."logit_scale_train", a."sc_rate", a."frac_saturated", a."max_prob", a."logit_margin", a."grad_norm", a."update_norm", a."fourier_score") AS u("step", "train_loss", "test_loss", "train_acc", "test_acc", "weight_norm", "logit_scale", "norm_embed", "norm_hidden", "norm_readout", "param_sq_norm", "logit_scale_train", "sc_rate", "frac_saturated", "max_prob", "logit_margin", "grad_norm", "update_norm", "fourier_score");--> statement-breakpoint
CREATE OR REPLACE VIEW "run_metric_points" AS
  SELECT r."id" AS "run_id", m."seed", m."step", m."train_loss", m."test_loss", m."train_acc", m."test_acc", m."weight_norm", m."logit_scale", m."norm_embed", m."norm_hidden", m."norm_readout", m."param_sq_norm", m."logit_scale_train", m."sc_rate", m."frac_saturated", m."max_prob", m."logit_margin", m."grad_norm", m."update_norm", m."fourier_score"
  FROM "metric_points_all" m JOIN "runs" r ON r."num" = m."run_num";--> statement-breakpoint
-- Moves one run's rows into its arrays. Should rows arrive for a run that already has arrays (points
-- written again after it ended), they are merged: the arrays go back to rows first, the newer rows
-- win on a step both hold, and everything is packed again.
CREATE FUNCTION "compact_run_points"(target_run integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "metric_points" m WHERE m."run_num" = target_run) THEN
    RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM "metric_arrays" a WHERE a."run_num" = target_run) THEN
    INSERT INTO "metric_points" ("run_num", "seed", "step", "train_loss", "test_loss", "train_acc", "test_acc", "weight_norm", "logit_scale", "norm_embed", "norm_hidden", "norm_readout", "param_sq_norm", "logit_scale_train", "sc_rate", "frac_saturated", "max_prob", "logit_margin", "grad_norm", "update_norm", "fourier_score")
      SELECT a."run_num", a."seed", u."step", u."train_loss", u."test_loss", u."train_acc", u."test_acc", u."weight_norm", u."logit_scale", u."norm_embed", u."norm_hidden", u."norm_readout", u."param_sq_norm", u."logit_scale_train", u."sc_rate", u."frac_saturated", u."max_prob", u."logit_margin", u."grad_norm", u."update_norm", u."fourier_score"
      FROM "metric_arrays" a, unnest(a."steps", a."train_loss", a."test_loss", a."train_acc", a."test_acc", a."weight_norm", a."logit_scale", a."norm_embed", a."norm_hidden", a."norm_readout", a."param_sq_norm", a."logit_scale_train", a."sc_rate", a."frac_saturated", a."max_prob", a."logit_margin", a."grad_norm", a."update_norm", a."fourier_score") AS u("step", "train_loss", "test_loss", "train_acc", "test_acc", "weight_norm", "logit_scale", "norm_embed", "norm_hidden", "norm_readout", "param_sq_norm", "logit_scale_train", "sc_rate", "frac_saturated", "max_prob", "logit_margin", "grad_norm", "update_norm", "fourier_score")
      WHERE a."run_num" = target_run
      ON CONFLICT DO NOTHING;
    DELETE FROM "metric_arrays" a WHERE a."run_num" = target_run;
  END IF;
  -- A metric a seed never recorded stays NULL rather than an array of NULLs.
  INSERT INTO "metric_arrays" ("run_num", "seed", "steps", "step_stride", "train_loss", "test_loss", "train_acc", "test_acc", "weight_norm", "logit_scale", "norm_embed", "norm_hidden", "norm_readout", "param_sq_norm", "logit_scale_train", "sc_rate", "frac_saturated", "max_prob", "logit_margin", "grad_norm", "update_norm", "fourier_score")
    SELECT m."run_num", m."seed", array_agg(m."step" ORDER BY m."step"),
      -- one distinct gap between consecutive steps: evenly spaced
      CASE WHEN count(DISTINCT m."gap") = 1 THEN min(m."gap") END,
      CASE WHEN count(m."train_loss") > 0 THEN array_agg(m."train_loss" ORDER BY m."step") END,
      CASE WHEN count(m."test_loss") > 0 THEN array_agg(m."test_loss" ORDER BY m."step") END,
      CASE WHEN count(m."train_acc") > 0 THEN array_agg(m."train_acc" ORDER BY m."step") END,
      CASE WHEN count(m."test_acc") > 0 THEN array_agg(m."test_acc" ORDER BY m."step") END,
      CASE WHEN count(m."weight_norm") > 0 THEN array_agg(m."weight_norm" ORDER BY m."step") END,
      CASE WHEN count(m."logit_scale") > 0 THEN array_agg(m."logit_scale" ORDER BY m."step") END,
      CASE WHEN count(m."norm_embed") > 0 THEN array_agg(m."norm_embed" ORDER BY m."step") END,
      CASE WHEN count(m."norm_hidden") > 0 THEN array_agg(m."norm_hidden" ORDER BY m."step") END,
      CASE WHEN count(m."norm_readout") > 0 THEN array_agg(m."norm_readout" ORDER BY m."step") END,
      CASE WHEN count(m."param_sq_norm") > 0 THEN array_agg(m."param_sq_norm" ORDER BY m."step") END,
      CASE WHEN count(m."logit_scale_train") > 0 THEN array_agg(m."logit_scale_train" ORDER BY m."step") END,
      CASE WHEN count(m."sc_rate") > 0 THEN array_agg(m."sc_rate" ORDER BY m."step") END,
      CASE WHEN count(m."frac_saturated") > 0 THEN array_agg(m."frac_saturated" ORDER BY m."step") END,
      CASE WHEN count(m."max_prob") > 0 THEN array_agg(m."max_prob" ORDER BY m."step") END,
      CASE WHEN count(m."logit_margin") > 0 THEN array_agg(m."logit_margin" ORDER BY m."step") END,
      CASE WHEN count(m."grad_norm") > 0 THEN array_agg(m."grad_norm" ORDER BY m."step") END,
      CASE WHEN count(m."update_norm") > 0 THEN array_agg(m."update_norm" ORDER BY m."step") END,
      CASE WHEN count(m."fourier_score") > 0 THEN array_agg(m."fourier_score" ORDER BY m."step") END
    FROM (SELECT p.*, p."step" - lag(p."step") OVER (PARTITION BY p."seed" ORDER BY p."step") AS "gap"
          FROM "metric_points" p WHERE p."run_num" = target_run) m
    GROUP BY m."run_num", m."seed";
  DELETE FROM "metric_points" m WHERE m."run_num" = target_run;
END $$;--> statement-breakpoint
CREATE FUNCTION "runs_compact_points"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "compact_run_points"(NEW."num");
  RETURN NULL;
END $$;--> statement-breakpoint
-- Every way a run ends (the worker finishing it, a cancel, the stale sweep failing it) is an
-- update of its status, so the move cannot be forgotten by a new code path.
CREATE TRIGGER "runs_compact_points_on_end" AFTER UPDATE OF "status" ON "runs"
  FOR EACH ROW WHEN (OLD."status" IN ('queued', 'running') AND NEW."status" IN ('succeeded', 'failed', 'cancelled'))
  EXECUTE FUNCTION "runs_compact_points"();--> statement-breakpoint
SELECT "compact_run_points"(r."num") FROM "runs" r WHERE r."status" IN ('succeeded', 'failed', 'cancelled');
