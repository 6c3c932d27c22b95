-- The hint beside a clash warning ("a similar title, near in time") asks for actions whose period
-- overlaps a few weeks around the plan AND whose title is similar: one GiST index on both lets
-- PostgreSQL look for the two at once, instead of scoring every action of those weeks
-- (about 3,500 at 100,000 actions; bench/actions.js). Drizzle cannot express an operator class
-- on an expression's neighbour column: it lives here only (see schema/actions.ts).
CREATE INDEX "actions_period_title_idx" ON "actions" USING gist (tstzrange("starts_at", "ends_at", '[)'), "title" gist_trgm_ops);
