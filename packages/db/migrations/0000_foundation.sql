CREATE TYPE "public"."classification_status" AS ENUM('ACTIVE', 'APPROVED', 'REPLACED', 'REJECTED');--> statement-breakpoint
CREATE TYPE "public"."task_status" AS ENUM('queued', 'processing', 'done', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "classifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnumber" text NOT NULL,
	"task_item_id" uuid,
	"task_id" uuid,
	"ncm" text NOT NULL,
	"description" text NOT NULL,
	"manufacturer" text,
	"country" text,
	"confidence" real NOT NULL,
	"alternatives" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"justification" text,
	"engine" text NOT NULL,
	"status" "classification_status" DEFAULT 'ACTIVE' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"partnumber" text NOT NULL,
	"description" text,
	"manufacturer" text,
	"supplier" text,
	"status" "task_status" NOT NULL,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" "task_status" NOT NULL,
	"reclassify" boolean DEFAULT false NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "classifications" ADD CONSTRAINT "classifications_task_item_id_task_items_id_fk" FOREIGN KEY ("task_item_id") REFERENCES "public"."task_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classifications" ADD CONSTRAINT "classifications_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_items" ADD CONSTRAINT "task_items_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "classifications_partnumber" ON "classifications" USING btree ("partnumber","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "classifications_task_item" ON "classifications" USING btree ("task_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "task_items_task_seq" ON "task_items" USING btree ("task_id","seq");