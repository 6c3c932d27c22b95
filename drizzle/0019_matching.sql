CREATE INDEX "profiles_home_suggestable_idx" ON "profiles" USING btree ("home_territory_id") WHERE not "profiles"."hidden_from_suggestions";--> statement-breakpoint
CREATE INDEX "profiles_skills_idx" ON "profiles" USING gin ("skill_ids");--> statement-breakpoint
CREATE INDEX "profiles_languages_idx" ON "profiles" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "need_parts_required_skill_idx" ON "need_parts" USING btree ("required_skill_id") WHERE "need_parts"."required_skill_id" is not null;--> statement-breakpoint
CREATE INDEX "needs_open_territory_idx" ON "needs" USING btree ("territory_id","created_at") WHERE "needs"."status" in ('open', 'in_progress');--> statement-breakpoint
CREATE INDEX "needs_open_category_idx" ON "needs" USING btree ("category_id","created_at") WHERE "needs"."status" in ('open', 'in_progress');--> statement-breakpoint
CREATE INDEX "offers_skills_idx" ON "offers" USING gin ("skill_ids");