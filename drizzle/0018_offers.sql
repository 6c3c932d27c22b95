CREATE TABLE "category_skills" (
	"category_id" text NOT NULL,
	"skill_id" uuid NOT NULL,
	CONSTRAINT "category_skills_category_id_skill_id_pk" PRIMARY KEY("category_id","skill_id")
);
--> statement-breakpoint
CREATE TABLE "offer_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"offer_id" uuid NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offer_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offer_id" uuid NOT NULL,
	"requester_id" uuid NOT NULL,
	"need_id" uuid,
	"message" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"channel_id" uuid,
	"claim_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category_id" text NOT NULL,
	"territory_id" uuid,
	"skill_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"availability" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"capacity" integer DEFAULT 1 NOT NULL,
	"accepted_count" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"until" date,
	"organisation_id" uuid,
	"visibility" text DEFAULT 'public' NOT NULL,
	"author_id" uuid NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('italian'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('italian'::regconfig, coalesce(description, '')), 'B') || to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || coalesce(description, ''))) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_capacity_positive" CHECK ("offers"."capacity" between 1 and 1000),
	CONSTRAINT "offers_accepted_within_capacity" CHECK ("offers"."accepted_count" >= 0 and "offers"."accepted_count" <= "offers"."capacity"),
	CONSTRAINT "offers_organisation_visibility" CHECK ("offers"."visibility" = 'public' or "offers"."organisation_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "hidden_from_suggestions" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "need_parts" ADD COLUMN "required_skill_id" uuid;--> statement-breakpoint
ALTER TABLE "category_skills" ADD CONSTRAINT "category_skills_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "category_skills" ADD CONSTRAINT "category_skills_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_history" ADD CONSTRAINT "offer_history_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_history" ADD CONSTRAINT "offer_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_requests" ADD CONSTRAINT "offer_requests_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_requests" ADD CONSTRAINT "offer_requests_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_requests" ADD CONSTRAINT "offer_requests_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offer_history_offer_idx" ON "offer_history" USING btree ("offer_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "offer_requests_one_live_per_person" ON "offer_requests" USING btree ("offer_id","requester_id") WHERE "offer_requests"."status" in ('pending', 'accepted');--> statement-breakpoint
CREATE INDEX "offer_requests_offer_idx" ON "offer_requests" USING btree ("offer_id","created_at");--> statement-breakpoint
CREATE INDEX "offer_requests_requester_idx" ON "offer_requests" USING btree ("requester_id","created_at");--> statement-breakpoint
CREATE INDEX "offers_feed_idx" ON "offers" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "offers_author_idx" ON "offers" USING btree ("author_id","created_at");--> statement-breakpoint
CREATE INDEX "offers_category_idx" ON "offers" USING btree ("category_id","status");--> statement-breakpoint
CREATE INDEX "offers_territory_idx" ON "offers" USING btree ("territory_id");--> statement-breakpoint
CREATE INDEX "offers_organisation_idx" ON "offers" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "offers_search_idx" ON "offers" USING gin ("search");--> statement-breakpoint
ALTER TABLE "need_parts" ADD CONSTRAINT "need_parts_required_skill_id_skills_id_fk" FOREIGN KEY ("required_skill_id") REFERENCES "public"."skills"("id") ON DELETE set null ON UPDATE no action;