CREATE TABLE "action_clash_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"decided_by" uuid,
	"clashes" jsonb NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"what" text NOT NULL,
	"territory_id" uuid,
	"quantity" integer,
	"from_at" timestamp with time zone,
	"to_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_partners" (
	"action_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"status" text DEFAULT 'invited' NOT NULL,
	"asked_to_join" boolean DEFAULT false NOT NULL,
	"invited_by" uuid,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	CONSTRAINT "action_partners_action_id_organisation_id_pk" PRIMARY KEY("action_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "action_reach" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"date" date NOT NULL,
	"people_reached" integer NOT NULL,
	"territory_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_reach_people" CHECK ("action_reach"."people_reached" >= 0)
);
--> statement-breakpoint
CREATE TABLE "action_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"capacity" integer NOT NULL,
	"confirmed_count" integer DEFAULT 0 NOT NULL,
	"queue_seq" bigint DEFAULT 0 NOT NULL,
	"reminded_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_sessions_period" CHECK ("action_sessions"."ends_at" > "action_sessions"."starts_at"),
	CONSTRAINT "action_sessions_confirmed_within_capacity" CHECK ("action_sessions"."confirmed_count" >= 0 and "action_sessions"."confirmed_count" <= "action_sessions"."capacity")
);
--> statement-breakpoint
CREATE TABLE "action_target_groups" (
	"action_id" uuid NOT NULL,
	"target_group_id" text NOT NULL,
	CONSTRAINT "action_target_groups_action_id_target_group_id_pk" PRIMARY KEY("action_id","target_group_id")
);
--> statement-breakpoint
CREATE TABLE "action_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"title" text NOT NULL,
	"organisation_id" uuid,
	"assignee_id" uuid,
	"due_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"reminded_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_territories" (
	"action_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	CONSTRAINT "action_territories_action_id_territory_id_pk" PRIMARY KEY("action_id","territory_id")
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"lead_organisation_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"goal" text DEFAULT '' NOT NULL,
	"goal_count" integer,
	"visibility" text DEFAULT 'network' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"channel_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "actions_period" CHECK ("actions"."ends_at" > "actions"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "session_signups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"seq" bigint NOT NULL,
	"attended" boolean,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"label_it" text NOT NULL,
	"label_en" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "action_clash_decisions" ADD CONSTRAINT "action_clash_decisions_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_clash_decisions" ADD CONSTRAINT "action_clash_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_commitments" ADD CONSTRAINT "action_commitments_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_commitments" ADD CONSTRAINT "action_commitments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_commitments" ADD CONSTRAINT "action_commitments_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_commitments" ADD CONSTRAINT "action_commitments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_partners" ADD CONSTRAINT "action_partners_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_partners" ADD CONSTRAINT "action_partners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_partners" ADD CONSTRAINT "action_partners_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_partners" ADD CONSTRAINT "action_partners_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_reach" ADD CONSTRAINT "action_reach_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_reach" ADD CONSTRAINT "action_reach_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_reach" ADD CONSTRAINT "action_reach_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_reach" ADD CONSTRAINT "action_reach_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_sessions" ADD CONSTRAINT "action_sessions_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_sessions" ADD CONSTRAINT "action_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_target_groups" ADD CONSTRAINT "action_target_groups_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_target_groups" ADD CONSTRAINT "action_target_groups_target_group_id_target_groups_id_fk" FOREIGN KEY ("target_group_id") REFERENCES "public"."target_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_tasks" ADD CONSTRAINT "action_tasks_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_tasks" ADD CONSTRAINT "action_tasks_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_tasks" ADD CONSTRAINT "action_tasks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_tasks" ADD CONSTRAINT "action_tasks_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_tasks" ADD CONSTRAINT "action_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_territories" ADD CONSTRAINT "action_territories_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_territories" ADD CONSTRAINT "action_territories_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_lead_organisation_id_organisations_id_fk" FOREIGN KEY ("lead_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_signups" ADD CONSTRAINT "session_signups_session_id_action_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."action_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_signups" ADD CONSTRAINT "session_signups_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_commitments_action_idx" ON "action_commitments" USING btree ("action_id","created_at");--> statement-breakpoint
CREATE INDEX "action_partners_organisation_idx" ON "action_partners" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "action_reach_action_idx" ON "action_reach" USING btree ("action_id","date");--> statement-breakpoint
CREATE INDEX "action_sessions_action_idx" ON "action_sessions" USING btree ("action_id","starts_at");--> statement-breakpoint
CREATE INDEX "action_sessions_starts_idx" ON "action_sessions" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "action_target_groups_group_idx" ON "action_target_groups" USING btree ("target_group_id");--> statement-breakpoint
CREATE INDEX "action_tasks_action_idx" ON "action_tasks" USING btree ("action_id","created_at");--> statement-breakpoint
CREATE INDEX "action_tasks_overdue_idx" ON "action_tasks" USING btree ("due_at") WHERE "action_tasks"."done_at" is null and "action_tasks"."reminded_at" is null;--> statement-breakpoint
CREATE INDEX "action_territories_territory_idx" ON "action_territories" USING btree ("territory_id","action_id");--> statement-breakpoint
CREATE INDEX "actions_period_idx" ON "actions" USING gist (tstzrange("starts_at", "ends_at", '[)'));--> statement-breakpoint
CREATE INDEX "actions_lead_idx" ON "actions" USING btree ("lead_organisation_id","starts_at");--> statement-breakpoint
CREATE INDEX "actions_starts_idx" ON "actions" USING btree ("starts_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "session_signups_live_uq" ON "session_signups" USING btree ("session_id","user_id") WHERE "session_signups"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "session_signups_waiting_uq" ON "session_signups" USING btree ("session_id","seq") WHERE "session_signups"."status" = 'waitlisted';--> statement-breakpoint
CREATE INDEX "session_signups_user_idx" ON "session_signups" USING btree ("user_id","created_at");--> statement-breakpoint
-- Who actions are for; administrators can add more.
INSERT INTO "target_groups" ("id", "label_it", "label_en") VALUES
	('elderly', 'Persone anziane', 'Elderly people'),
	('families', 'Famiglie con bambini', 'Families with children'),
	('migrants', 'Persone migranti', 'Migrants'),
	('disabilities', 'Persone con disabilità', 'People with disabilities'),
	('young', 'Giovani', 'Young people'),
	('homeless', 'Persone senza dimora', 'Homeless people'),
	('low_income', 'Persone con basso reddito', 'People on low incomes')
ON CONFLICT ("id") DO NOTHING;
