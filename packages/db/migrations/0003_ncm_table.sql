CREATE TABLE "ncm_entries" (
	"code" text PRIMARY KEY NOT NULL,
	"dotted" text NOT NULL,
	"description" text NOT NULL,
	"depth" integer NOT NULL,
	"parent" text,
	"path" text NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"standalone_description" text,
	"search_own" text DEFAULT '' NOT NULL,
	"search_path" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', search_own), 'A') || setweight(to_tsvector('simple', search_path), 'B')) STORED,
	"removed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ncm_tables" (
	"id" serial PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"act" text NOT NULL,
	"source" text NOT NULL,
	"comexstat_source" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"total" integer NOT NULL,
	"added" integer NOT NULL,
	"removed" integer NOT NULL,
	"changed" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ncm_entries_search" ON "ncm_entries" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "ncm_entries_parent" ON "ncm_entries" USING btree ("parent");