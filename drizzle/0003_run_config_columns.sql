ALTER TABLE "runs" ADD COLUMN "p" integer GENERATED ALWAYS AS ((config->>'p')::integer) STORED;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "op" text GENERATED ALWAYS AS (config->>'op') STORED;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "loss" text GENERATED ALWAYS AS (config->>'loss') STORED;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "model" text GENERATED ALWAYS AS (config->>'model') STORED;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "temperature" double precision GENERATED ALWAYS AS ((config->>'temperature')::double precision) STORED;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "weight_decay" double precision GENERATED ALWAYS AS ((config->>'weightDecay')::double precision) STORED;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "lr" double precision GENERATED ALWAYS AS ((config->>'lr')::double precision) STORED;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "train_fraction" double precision GENERATED ALWAYS AS ((config->>'trainFraction')::double precision) STORED;--> statement-breakpoint
CREATE INDEX "runs_p_idx" ON "runs" USING btree ("p","id");--> statement-breakpoint
CREATE INDEX "runs_temperature_idx" ON "runs" USING btree ("temperature","id");--> statement-breakpoint
CREATE INDEX "runs_weight_decay_idx" ON "runs" USING btree ("weight_decay","id");