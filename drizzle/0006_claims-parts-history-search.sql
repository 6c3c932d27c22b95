CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"slot" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text
);
--> statement-breakpoint
CREATE TABLE "need_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"title" text NOT NULL,
	"capacity" integer DEFAULT 1 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "need_parts_capacity_positive" CHECK ("need_parts"."capacity" between 1 and 100)
);
--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "claim_hours" integer DEFAULT 72 NOT NULL;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "approx_location" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "due_date" date;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "duplicate_of_id" uuid;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('italian'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('italian'::regconfig, coalesce(description, '')), 'B') || to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || coalesce(description, ''))) STORED;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_part_id_need_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."need_parts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_history" ADD CONSTRAINT "need_history_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_history" ADD CONSTRAINT "need_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_parts" ADD CONSTRAINT "need_parts_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "claims_one_holder_per_slot" ON "claims" USING btree ("part_id","slot") WHERE "claims"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "claims_one_slot_per_person" ON "claims" USING btree ("part_id","user_id") WHERE "claims"."status" = 'active';--> statement-breakpoint
CREATE INDEX "claims_need_idx" ON "claims" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "claims_user_status_idx" ON "claims" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "claims_active_expiry_idx" ON "claims" USING btree ("expires_at") WHERE "claims"."status" = 'active';--> statement-breakpoint
CREATE INDEX "need_history_need_idx" ON "need_history" USING btree ("need_id","created_at");--> statement-breakpoint
CREATE INDEX "need_parts_need_idx" ON "need_parts" USING btree ("need_id");--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_duplicate_of_id_needs_id_fk" FOREIGN KEY ("duplicate_of_id") REFERENCES "public"."needs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "needs_search_idx" ON "needs" USING gin ("search");--> statement-breakpoint
CREATE INDEX "needs_title_trgm_idx" ON "needs" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "needs_duplicate_scope_idx" ON "needs" USING btree ("category_id","territory_id","status","created_at");--> statement-breakpoint
-- Needs posted before parts existed get their one part.
INSERT INTO "need_parts" ("need_id", "title", "capacity") SELECT "id", "title", "capacity" FROM "needs";
