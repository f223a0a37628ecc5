CREATE TYPE "public"."task_kind" AS ENUM('single', 'batch');--> statement-breakpoint
ALTER TABLE "task_items" ADD COLUMN "quantity" real;--> statement-breakpoint
ALTER TABLE "task_items" ADD COLUMN "known_classification_id" uuid;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "kind" "task_kind" DEFAULT 'single' NOT NULL;--> statement-breakpoint
CREATE INDEX "task_items_task_status" ON "task_items" USING btree ("task_id","status");