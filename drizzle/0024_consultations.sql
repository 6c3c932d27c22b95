CREATE TABLE "consultation_phases" (
	"consultation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"position" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consultation_phases_consultation_id_kind_pk" PRIMARY KEY("consultation_id","kind"),
	CONSTRAINT "consultation_phases_period" CHECK ("consultation_phases"."ends_at" > "consultation_phases"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"territory_id" uuid,
	"visibility" text DEFAULT 'public' NOT NULL,
	"supports_per_person" integer DEFAULT 10 NOT NULL,
	"support_threshold" integer DEFAULT 0 NOT NULL,
	"proposals_per_person" integer DEFAULT 3 NOT NULL,
	"assisted_ballots" boolean DEFAULT false NOT NULL,
	"require_identity" boolean DEFAULT false NOT NULL,
	"manual_phase" text,
	"manual_phase_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultations_manual_phase" CHECK (("consultations"."manual_phase" is null) = ("consultations"."manual_phase_at" is null))
);
--> statement-breakpoint
ALTER TABLE "consultation_phases" ADD CONSTRAINT "consultation_phases_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultations_created_idx" ON "consultations" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "consultations_organisation_idx" ON "consultations" USING btree ("organisation_id");