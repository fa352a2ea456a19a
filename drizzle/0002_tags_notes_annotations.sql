CREATE TABLE "run_tags" (
	"run_id" uuid NOT NULL,
	"tag" text NOT NULL,
	CONSTRAINT "run_tags_run_id_tag_pk" PRIMARY KEY("run_id","tag"),
	CONSTRAINT "run_tags_tag_shape" CHECK (char_length("run_tags"."tag") BETWEEN 1 AND 64 AND "run_tags"."tag" = btrim("run_tags"."tag"))
);
--> statement-breakpoint
CREATE TABLE "annotations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"step" integer,
	"seed" smallint,
	"text" text NOT NULL,
	"author" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "annotations_text_length" CHECK (char_length("annotations"."text") BETWEEN 1 AND 5000),
	CONSTRAINT "annotations_step_nonnegative" CHECK ("annotations"."step" >= 0),
	CONSTRAINT "annotations_seed_nonnegative" CHECK ("annotations"."seed" >= 0)
);
--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "run_tags" ADD CONSTRAINT "run_tags_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "run_tags_tag_idx" ON "run_tags" USING btree ("tag");--> statement-breakpoint
CREATE INDEX "annotations_run_idx" ON "annotations" USING btree ("run_id","created_at");