-- Metric points are keyed by a compact run number instead of the run's uuid (see runs.num).
-- The table is rebuilt rather than altered so that the key columns come first in each row (no
-- padding) and the existing points are copied once, in key order.
ALTER TABLE "runs" ADD COLUMN "num" integer NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "runs_num_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_num_unique" UNIQUE("num");--> statement-breakpoint
ALTER TABLE "metric_points" RENAME TO "metric_points_by_uuid";--> statement-breakpoint
ALTER TABLE "metric_points_by_uuid" DROP CONSTRAINT "metric_points_run_id_runs_id_fk";--> statement-breakpoint
ALTER TABLE "metric_points_by_uuid" DROP CONSTRAINT "metric_points_run_id_seed_step_pk";--> statement-breakpoint
CREATE TABLE "metric_points" (
	"run_num" integer NOT NULL,
	"seed" smallint NOT NULL,
	"step" integer NOT NULL,
	"train_loss" real,
	"test_loss" real,
	"train_acc" real,
	"test_acc" real,
	"weight_norm" real,
	"logit_scale" real,
	"norm_embed" real,
	"norm_hidden" real,
	"norm_readout" real,
	"param_sq_norm" real,
	"logit_scale_train" real,
	"sc_rate" real,
	"frac_saturated" real,
	"max_prob" real,
	"logit_margin" real,
	"grad_norm" real,
	"update_norm" real,
	"fourier_score" real,
	CONSTRAINT "metric_points_run_num_seed_step_pk" PRIMARY KEY("run_num","seed","step")
);--> statement-breakpoint
INSERT INTO "metric_points" ("run_num", "seed", "step", "train_loss", "test_loss", "train_acc", "test_acc", "weight_norm", "logit_scale", "norm_embed", "norm_hidden", "norm_readout", "param_sq_norm", "logit_scale_train", "sc_rate", "frac_saturated", "max_prob", "logit_margin", "grad_norm", "update_norm", "fourier_score")
  SELECT r."num", m."seed", m."step", m."train_loss", m."test_loss", m."train_acc", m."test_acc", m."weight_norm", m."logit_scale", m."norm_embed", m."norm_hidden", m."norm_readout", m."param_sq_norm", m."logit_scale_train", m."sc_rate", m."frac_saturated", m."max_prob", m."logit_margin", m."grad_norm", m."update_norm", m."fourier_score"
  FROM "metric_points_by_uuid" m JOIN "runs" r ON r."id" = m."run_id"
  ORDER BY r."num", m."seed", m."step";--> statement-breakpoint
DROP TABLE "metric_points_by_uuid";--> statement-breakpoint
ALTER TABLE "metric_points" ADD CONSTRAINT "metric_points_run_num_runs_num_fk" FOREIGN KEY ("run_num") REFERENCES "public"."runs"("num") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Points by run uuid, for ad-hoc SQL and tests; the application's queries use runs.num directly.
CREATE VIEW "run_metric_points" AS
  SELECT r."id" AS "run_id", m."seed", m."step", m."train_loss", m."test_loss", m."train_acc", m."test_acc", m."weight_norm", m."logit_scale", m."norm_embed", m."norm_hidden", m."norm_readout", m."param_sq_norm", m."logit_scale_train", m."sc_rate", m."frac_saturated", m."max_prob", m."logit_margin", m."grad_norm", m."update_norm", m."fourier_score"
  FROM "metric_points" m JOIN "runs" r ON r."num" = m."run_num";
