ALTER TABLE "tasks" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
CREATE INDEX "task_items_partnumber_status" ON "task_items" USING btree ("partnumber","status");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_idempotency_key" ON "tasks" USING btree ("idempotency_key");