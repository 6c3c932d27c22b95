CREATE TABLE "need_invitations" (
	"need_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "need_invitations_need_id_user_id_pk" PRIMARY KEY("need_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "need_invitations" ADD CONSTRAINT "need_invitations_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_invitations" ADD CONSTRAINT "need_invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_invitations" ADD CONSTRAINT "need_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Invitations sent before this table were only notifications: they still count as sent.
INSERT INTO "need_invitations" ("need_id", "user_id", "created_at")
SELECT DISTINCT ON (n."id", x."user_id") n."id", x."user_id", x."created_at"
FROM "notifications" x JOIN "needs" n ON n."id"::text = x."data" ->> 'needId'
WHERE x."kind" = 'invited_to_need'
ORDER BY n."id", x."user_id", x."created_at";
