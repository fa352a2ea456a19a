CREATE TABLE "runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"config" jsonb NOT NULL,
	"idempotency_key" text,
	"backend" text,
	"worker_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"steps_total" integer NOT NULL,
	"steps_done" integer DEFAULT 0 NOT NULL,
	"ms_per_step" real,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"error" text,
	"t_mem" integer,
	"t_grok" integer,
	"logit_scale_at_grok" real,
	"final_train_acc" real,
	"final_test_acc" real,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	CONSTRAINT "runs_idempotencyKey_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "metric_points" (
	"run_id" uuid NOT NULL,
	"seed" smallint NOT NULL,
	"step" integer NOT NULL,
	"train_loss" real,
	"test_loss" real,
	"train_acc" real,
	"test_acc" real,
	"weight_norm" real,
	"logit_scale" real,
	CONSTRAINT "metric_points_run_id_seed_step_pk" PRIMARY KEY("run_id","seed","step")
);
--> statement-breakpoint
CREATE TABLE "run_events" (
	"run_id" uuid NOT NULL,
	"seed" smallint NOT NULL,
	"kind" text NOT NULL,
	"step" integer NOT NULL,
	"value" real,
	CONSTRAINT "run_events_run_id_seed_kind_pk" PRIMARY KEY("run_id","seed","kind")
);
--> statement-breakpoint
ALTER TABLE "metric_points" ADD CONSTRAINT "metric_points_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_events" ADD CONSTRAINT "run_events_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "runs_created_idx" ON "runs" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "runs_queued_idx" ON "runs" USING btree ("created_at") WHERE status = 'queued';