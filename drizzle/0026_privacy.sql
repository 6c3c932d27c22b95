CREATE TABLE "data_access_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid,
	"subject_user_id" uuid,
	"viewer_id" uuid,
	"organisation_id" uuid,
	"viewer_role" text NOT NULL,
	"what" text NOT NULL,
	"via" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"recipients" text NOT NULL,
	"given_by" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid
);
--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "contact_shared" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "redacted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "poll_voters" ADD COLUMN "forget_after_close" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "data_access_log" ADD CONSTRAINT "data_access_log_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_access_log" ADD CONSTRAINT "data_access_log_subject_user_id_users_id_fk" FOREIGN KEY ("subject_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_access_log" ADD CONSTRAINT "data_access_log_viewer_id_users_id_fk" FOREIGN KEY ("viewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_access_log" ADD CONSTRAINT "data_access_log_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_consents" ADD CONSTRAINT "need_consents_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_consents" ADD CONSTRAINT "need_consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_consents" ADD CONSTRAINT "need_consents_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "data_access_log_once_an_hour" ON "data_access_log" USING btree ("viewer_id","what",coalesce("need_id", '00000000-0000-0000-0000-000000000000'::uuid),coalesce("subject_user_id", '00000000-0000-0000-0000-000000000000'::uuid),"hour");--> statement-breakpoint
CREATE INDEX "data_access_log_need_idx" ON "data_access_log" USING btree ("need_id","at");--> statement-breakpoint
CREATE INDEX "data_access_log_subject_idx" ON "data_access_log" USING btree ("subject_user_id","at");--> statement-breakpoint
CREATE INDEX "data_access_log_viewer_idx" ON "data_access_log" USING btree ("viewer_id");--> statement-breakpoint
CREATE INDEX "need_consents_need_idx" ON "need_consents" USING btree ("need_id","created_at");--> statement-breakpoint
CREATE INDEX "needs_retention_idx" ON "needs" USING btree ("closed_at") WHERE "needs"."redacted_at" is null and "needs"."closed_at" is not null;--> statement-breakpoint
-- Residents' own needs consented by posting: record it, and let their helpers see the contact.
INSERT INTO "need_consents" ("need_id", "purpose", "recipients", "given_by", "recorded_by", "created_at")
SELECT "id", 'own_request', 'helpers', 'person', "author_id", "created_at" FROM "needs" WHERE "organisation_id" IS NULL;--> statement-breakpoint
UPDATE "needs" SET "contact_shared" = true WHERE "organisation_id" IS NULL;--> statement-breakpoint
-- Needs closed before this: retention counts from their last change.
UPDATE "needs" SET "closed_at" = "updated_at" WHERE "status" IN ('fulfilled', 'closed');
