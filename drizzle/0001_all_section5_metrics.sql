ALTER TABLE "metric_points" ADD COLUMN "norm_embed" real;--> statement-breakpoint
ALTER TABLE "metric_points" ADD COLUMN "norm_hidden" real;--> statement-breakpoint
ALTER TABLE "metric_points" ADD COLUMN "norm_readout" real;--> statement-breakpoint
ALTER TABLE "metric_points" ADD COLUMN "param_sq_norm" real;--> statement-breakpoint
ALTER TABLE "metric_points" ADD COLUMN "logit_scale_train" real;--> statement-breakpoint
ALTER TABLE "metric_points" ADD COLUMN "sc_rate" real;--> statement-breakpoint
ALTER TABLE "metric_points" ADD COLUMN "frac_saturated" real;--> statement-breakpoint
ALTER TABLE "metric_points" ADD COLUMN "max_prob" real;--> statement-breakpoint
ALTER TABLE "metric_points" ADD COLUMN "logit_margin" real;--> statement-breakpoint
ALTER TABLE "metric_points" ADD COLUMN "grad_norm" real;--> statement-breakpoint
ALTER TABLE "metric_points" ADD COLUMN "update_norm" real;--> statement-breakpoint
ALTER TABLE "metric_points" ADD COLUMN "fourier_score" real;