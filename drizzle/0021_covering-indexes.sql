-- Suggestions read candidates near a need from these indexes alone (index-only scans): the
-- columns scored are included, so the rows' pages are not visited. At 100,000 people and
-- 100,000 offers the candidates' scan went from about 10 ms to 3 (bench/matches.js).
-- Drizzle's schema cannot express INCLUDE: these live here only (see schema/people.ts, offers.ts).
DROP INDEX "profiles_home_suggestable_idx";--> statement-breakpoint
CREATE INDEX "profiles_suggestable_home_idx" ON "profiles" ("home_territory_id")
	INCLUDE ("user_id", "skill_ids", "languages", "availability")
	WHERE NOT "hidden_from_suggestions";--> statement-breakpoint
CREATE INDEX "offers_open_territory_idx" ON "offers" ("territory_id")
	INCLUDE ("id", "author_id", "category_id", "skill_ids", "availability", "visibility", "organisation_id", "accepted_count", "capacity", "until")
	WHERE "status" = 'open';--> statement-breakpoint
CREATE INDEX "offers_open_category_idx" ON "offers" ("category_id")
	INCLUDE ("id", "author_id", "territory_id", "skill_ids", "availability", "visibility", "organisation_id", "accepted_count", "capacity", "until")
	WHERE "status" = 'open';
