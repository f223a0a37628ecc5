DROP INDEX "tasks_owner_running_partnumber";--> statement-breakpoint
UPDATE "tasks" SET "joinable_partnumber" = NULL WHERE "status" NOT IN ('queued', 'processing');--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_owner_joinable_partnumber" ON "tasks" USING btree ("owner_id","joinable_partnumber") WHERE joinable_partnumber IS NOT NULL;--> statement-breakpoint
CREATE FUNCTION "tasks_release_joinable_partnumber"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.joinable_partnumber := NULL;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "tasks_release_joinable_partnumber" BEFORE UPDATE OF "status" ON "tasks"
  FOR EACH ROW WHEN (NEW.status NOT IN ('queued', 'processing') AND NEW.joinable_partnumber IS NOT NULL)
  EXECUTE FUNCTION "tasks_release_joinable_partnumber"();
