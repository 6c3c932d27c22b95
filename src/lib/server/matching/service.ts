import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { authorize, isTrusted, refuse, type Actor } from '../auth/actor';
import { listSkills } from '../administration/service';
import { now } from '../clock';
import { config } from '../config';
import { currentDatabase, db } from '../db/client';
import {
	categorySkills,
	claims,
	memberships,
	needParts,
	needInvitations,
	needs,
	offers,
	profiles,
	skills,
	territories,
	users
} from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { enforceLimit } from '../limits';
import { fromNeeds, seeNeed } from '../needs/service';
import { shapeNeed, type NeedRowWithNames } from '../needs/views';
import { listTerritories } from '../territories/service';
import {
	mayTake,
	nearby,
	nearTable,
	notBlocked,
	POINTS,
	textArray,
	uuidArray,
	weekdayOf,
	weekTime,
	type Day,
	type DayPart,
	type TerritoryHow
} from './context';
import { canInvite, matchScope } from './policy';
import type { MatchReason } from '$lib/shared/schemas/matching';
import type {
	MatchDetails,
	MatchedOfferView,
	MyMatch,
	NeedMatch
} from '$lib/shared/views/matching';

/** Suggestions of each kind; candidates scored by their own fields before the per-person counts. */
const LIMIT = 20;
const SHORTLIST = 200;
/** The bounded sources of candidates: so many from each, so many from each place near. */
const PER_SOURCE = 300;
const PER_PLACE = 40;
/**
 * "Needs for me" scores each candidate with its parts and claims (two index lookups each): the
 * newest open needs, per place near home, per category of one's skills, and of parts gated on
 * one's skills. About 600 candidates at most keeps it near 20 ms over a million needs.
 */
const FOR_ME = { newest: 60, perPlace: 30, perCategory: 60, gated: 100 } as const;

const rowsOf = <T>(result: unknown) => currentDatabase().rows<T>(result);
const intersect = (a: readonly string[], b: readonly string[]) => a.filter((x) => b.includes(x));

/** Points for the load and the past of one person, added after the shortlist (SQL). */
const loadPoints = (active: SQL) => sql`greatest(0, ${POINTS.lightLoad} - 5 * ${active})`;
const donePoints = (done: SQL) => sql`least(${done}, 3) * ${POINTS.doneBefore}`;

interface NeedContext {
	id: string;
	categoryId: string;
	authorId: string | null;
	organisationId: string | null;
	visibility: 'public' | 'organisation';
	claimRule: 'anyone' | 'trusted' | 'organisation';
	territoryId: string | null;
	dueDay: Day | null;
	categorySkills: string[];
	requiredSkills: string[];
	/** Every part requires a skill: only people with one of them could take any. */
	allGated: boolean;
	/** The author's languages other than Italian. */
	languages: string[];
	near: ReturnType<typeof nearby>;
	now: ReturnType<typeof weekTime>;
	/** The names of the skills above, for the words. */
	skillNames: Map<string, string>;
}

async function needContext(row: NeedRowWithNames): Promise<NeedContext> {
	const need = row.need;
	const [skillRows, authorProfile, allTerritories] = await Promise.all([
		db
			.select({ skillId: categorySkills.skillId, name: skills.name })
			.from(categorySkills)
			.innerJoin(skills, eq(skills.id, categorySkills.skillId))
			.where(eq(categorySkills.categoryId, need.categoryId)),
		need.authorId
			? db
					.select({ languages: profiles.languages })
					.from(profiles)
					.where(eq(profiles.userId, need.authorId))
			: [],
		listTerritories()
	]);
	const required = row.parts
		.map((p) => p.requiredSkill?.id ?? null)
		.filter((id): id is string => id !== null);
	return {
		id: need.id,
		categoryId: need.categoryId,
		authorId: need.authorId,
		organisationId: need.organisationId,
		visibility: need.visibility,
		claimRule: need.claimRule,
		territoryId: need.territoryId,
		dueDay: weekdayOf(need.dueDate),
		categorySkills: skillRows.map((r) => r.skillId),
		requiredSkills: [...new Set(required)],
		allGated: row.parts.length > 0 && row.parts.every((p) => p.requiredSkill),
		languages: (authorProfile[0]?.languages ?? []).filter((l) => l !== 'it'),
		near: nearby(allTerritories, need.territoryId),
		now: weekTime(now()),
		skillNames: new Map([
			...skillRows.map((r): [string, string] => [r.skillId, r.name]),
			...row.parts.flatMap((p): [string, string][] =>
				p.requiredSkill ? [[p.requiredSkill.id, p.requiredSkill.name]] : []
			)
		])
	};
}

/** Availability columns as booleans: free at this time of week, free on the due day. */
function availabilitySql(column: SQL, ctx: { now: NeedContext['now']; dueDay: Day | null }) {
	const freeNow = ctx.now.part
		? sql`coalesce((${column} -> ${ctx.now.day}::text) @> to_jsonb(${ctx.now.part}::text), false)`
		: sql`false`;
	const freeDue = ctx.dueDay
		? sql`coalesce(jsonb_array_length(${column} -> ${ctx.dueDay}::text) > 0, false)`
		: sql`false`;
	return { freeNow, freeDue };
}

interface ScoredRow {
	score: number;
	territory_how: TerritoryHow | null;
	territory_name: string | null;
	free_now: boolean;
	free_due: boolean;
	skill_ids: string[];
	languages: string[] | null;
	active: number;
	done: number;
}

/** The reasons of a scored row, as codes and as what the words need. */
function explain(
	row: ScoredRow,
	ctx: Pick<NeedContext, 'categorySkills' | 'requiredSkills' | 'languages' | 'now' | 'dueDay'>,
	names: Map<string, string>,
	options: { sameCategory?: boolean; load?: boolean } = {}
): { reasons: MatchReason[]; details: MatchDetails } {
	const categoryHits = intersect(row.skill_ids, ctx.categorySkills);
	const requiredHits = intersect(row.skill_ids, ctx.requiredSkills);
	const languages = intersect(row.languages ?? [], ctx.languages);
	const reasons: MatchReason[] = [];
	if (options.sameCategory || categoryHits.length) reasons.push('category');
	if (requiredHits.length) reasons.push('skill');
	if (row.territory_how) reasons.push('territory');
	if (row.free_now) reasons.push('available_now');
	if (row.free_due) reasons.push('available_due');
	if (languages.length) reasons.push('language');
	if (options.load !== false && row.active <= 1) reasons.push('light_load');
	if (row.done > 0) reasons.push('done_before');
	const name = (id: string) => names.get(id) ?? '';
	return {
		reasons,
		details: {
			categorySkills: categoryHits.map(name).filter(Boolean),
			skills: requiredHits.map(name).filter(Boolean),
			territory:
				row.territory_how && row.territory_name
					? { name: row.territory_name, how: row.territory_how }
					: null,
			now: row.free_now && ctx.now.part ? { day: ctx.now.day, part: ctx.now.part } : null,
			dueDay: row.free_due ? ctx.dueDay : null,
			languages,
			activeClaims: row.active,
			done: row.done
		}
	};
}

/**
 * People who fit a need, best first: found through the indexes (where they live, their skills,
 * their languages), scored by their profile, shortlisted, then weighed by their current load and
 * what they did before in the category. Never someone opted out, the need's author or the one
 * asking, someone already helping, someone blocked either way, or someone its rule (or the
 * qualification gate) would not let take it.
 */
async function peopleFor(ctx: NeedContext, askerId: string) {
	const relevant = [...new Set([...ctx.categorySkills, ...ctx.requiredSkills])];
	// Where candidates come from, each bounded but the first: the people near the need who have
	// a skill it calls for (all of them), then some near it without one (the closest places
	// first), some with such a skill anywhere, and some who speak the author's language.
	const near = uuidArray(ctx.near.map((n) => n.id));
	const visible = sql`not p.hidden_from_suggestions`;
	// Each source gives the columns scored, so nothing joins back to the whole table.
	const cols = sql`p.user_id, p.home_territory_id, p.skill_ids, p.languages, p.availability`;
	const sources: SQL[] = [];
	if (ctx.near.length && relevant.length)
		sources.push(
			sql`select ${cols} from ${profiles} p where ${visible} and p.home_territory_id = any(${near}) and p.skill_ids && ${uuidArray(relevant)}`
		);
	if (ctx.near.length)
		sources.push(
			sql`select x.* from near cross join lateral (select ${cols} from ${profiles} p
				where ${visible} and p.home_territory_id = near.tid limit ${PER_PLACE}) x`
		);
	if (relevant.length)
		sources.push(
			sql`(select ${cols} from ${profiles} p where ${visible} and p.skill_ids && ${uuidArray(relevant)} limit ${PER_SOURCE})`
		);
	if (ctx.languages.length)
		sources.push(
			sql`(select ${cols} from ${profiles} p where ${visible} and p.languages && ${textArray(ctx.languages)} limit ${PER_SOURCE})`
		);
	if (!sources.length) return [];
	const { freeNow, freeDue } = availabilitySql(sql`p.availability`, ctx);
	const excluded = [askerId, ...(ctx.authorId ? [ctx.authorId] : [])];
	const gate = ctx.allGated ? sql`p.skill_ids && ${uuidArray(ctx.requiredSkills)}` : sql`true`;
	const at = now().toISOString();
	return rowsOf<ScoredRow & { user_id: string; name: string }>(
		await db.execute(sql`
		with near as (${nearTable(ctx.near)}),
		cand as (${sql.join(sources, sql` union all `)}),
		base as (
			select distinct on (p.user_id) p.user_id, p.home_territory_id, p.skill_ids, p.languages,
				coalesce(nr.pts, 0) as t_pts, nr.how as territory_how,
				(p.skill_ids && ${uuidArray(ctx.categorySkills)}) as cat_fit,
				(p.skill_ids && ${uuidArray(ctx.requiredSkills)}) as req_fit,
				${freeNow} as free_now, ${freeDue} as free_due,
				(p.languages && ${textArray(ctx.languages)}) as speaks
			from cand p
			left join near nr on nr.tid = p.home_territory_id
			where p.user_id <> all(${uuidArray(excluded)}) and ${gate}
		),
		shortlist as (
			select *, (case when cat_fit then ${POINTS.category} else 0 end)
				+ (case when req_fit then ${POINTS.skill} else 0 end) + t_pts
				+ (case when free_now then ${POINTS.availableNow} else 0 end)
				+ (case when free_due then ${POINTS.availableDue} else 0 end)
				+ (case when speaks then ${POINTS.language} else 0 end) as base_score
			from base order by base_score desc, user_id limit ${SHORTLIST}
		)
		select s.user_id, u.name, s.territory_how, t.name as territory_name, s.free_now, s.free_due,
			s.skill_ids, s.languages, l.active, d.done,
			s.base_score + ${loadPoints(sql`l.active`)} + ${donePoints(sql`d.done`)} as score
		from shortlist s
		join ${users} u on u.id = s.user_id
		left join ${territories} t on t.id = s.home_territory_id
		cross join lateral (select count(*)::int as active from ${claims} c
			where c.user_id = s.user_id and c.status = 'active' and c.expires_at > ${at}::timestamptz) l
		cross join lateral (select count(*)::int as done from ${claims} c join ${needs} n on n.id = c.need_id
			where c.user_id = s.user_id and c.status = 'completed' and n.category_id = ${ctx.categoryId}) d
		where not exists (select 1 from ${claims} c where c.need_id = ${ctx.id}::uuid and c.user_id = s.user_id
				and c.status = 'active' and c.expires_at > ${at}::timestamptz)
			and ${notBlocked(sql`s.user_id`, excluded)}
			and ${mayTake(sql`s.user_id`, ctx)}
		order by score desc, s.user_id
		limit ${LIMIT}`)
	);
}

/**
 * Open offers that fit a need, best first: open, with capacity left and not past their end,
 * visible to the need's author (public, or for an organisation the author belongs to), not the
 * author's own, and by someone the need's rule (and the qualification gate) would let take it.
 */
async function offersFor(ctx: NeedContext, askerId: string) {
	const relevant = [...new Set([...ctx.categorySkills, ...ctx.requiredSkills])];
	// As for people: every open offer near the need in its category or with a skill it calls
	// for, then some of its category, some with such a skill anywhere, and some near it.
	const near = uuidArray(ctx.near.map((n) => n.id));
	// Open, with capacity left, not past its end; each source gives the columns scored.
	const open = sql`o.status = 'open' and o.accepted_count < o.capacity and (o.until is null or o.until >= ${ctx.now.today}::date)`;
	const cols = sql`o.id, o.author_id, o.territory_id, o.skill_ids, o.category_id, o.availability, o.visibility, o.organisation_id`;
	const sources: SQL[] = [
		sql`(select ${cols} from ${offers} o where o.category_id = ${ctx.categoryId} and ${open} limit ${PER_SOURCE})`
	];
	if (ctx.near.length)
		sources.push(
			sql`select ${cols} from ${offers} o where o.territory_id = any(${near}) and ${open}
				and (o.category_id = ${ctx.categoryId} or o.skill_ids && ${uuidArray(relevant)})`,
			sql`select x.* from near cross join lateral (select ${cols} from ${offers} o
				where o.territory_id = near.tid and ${open} limit ${PER_PLACE}) x`
		);
	if (relevant.length)
		sources.push(
			sql`(select ${cols} from ${offers} o where o.skill_ids && ${uuidArray(relevant)} and ${open} limit ${PER_SOURCE})`
		);
	const { freeNow, freeDue } = availabilitySql(sql`o.availability`, ctx);
	const excluded = [askerId, ...(ctx.authorId ? [ctx.authorId] : [])];
	const authorSees = ctx.authorId
		? sql`(o.visibility = 'public' or exists (select 1 from ${memberships} m where m.organisation_id = o.organisation_id and m.user_id = ${ctx.authorId}::uuid))`
		: sql`o.visibility = 'public'`;
	const gate = ctx.allGated
		? sql`coalesce(ap.skill_ids && ${uuidArray(ctx.requiredSkills)}, false)`
		: sql`true`;
	const at = now().toISOString();
	return rowsOf<
		ScoredRow & {
			offer: Omit<MatchedOfferView, 'authorName' | 'territoryName' | 'status'> & {
				createdAt: string;
			};
			author_name: string;
			same_cat: boolean;
		}
	>(
		await db.execute(sql`
		with near as (${nearTable(ctx.near)}),
		cand as (${sql.join(sources, sql` union all `)}),
		base as (
			select distinct on (o.id) o.id, o.author_id, o.territory_id, o.skill_ids,
				coalesce(nr.pts, 0) as t_pts, nr.how as territory_how,
				(o.category_id = ${ctx.categoryId}) as same_cat,
				(o.skill_ids && ${uuidArray(relevant)}) as skill_fit,
				${freeNow} as free_now, ${freeDue} as free_due
			from cand o
			left join near nr on nr.tid = o.territory_id
			where o.author_id <> all(${uuidArray(excluded)}) and ${authorSees}
		),
		shortlist as (
			select *, (case when same_cat then ${POINTS.sameCategory} else 0 end)
				+ (case when skill_fit then ${POINTS.skill} else 0 end) + t_pts
				+ (case when free_now then ${POINTS.availableNow} else 0 end)
				+ (case when free_due then ${POINTS.availableDue} else 0 end) as base_score
			from base order by base_score desc, id limit ${SHORTLIST}
		)
		select s.territory_how, t.name as territory_name, s.free_now, s.free_due, s.same_cat,
			s.skill_ids, ap.languages, l.active, d.done, u.name as author_name,
			json_build_object('id', o.id, 'kind', o.kind, 'title', o.title, 'description', o.description,
				'category', o.category_id, 'territoryId', o.territory_id, 'skillIds', o.skill_ids,
				'availability', o.availability, 'capacity', o.capacity, 'acceptedCount', o.accepted_count,
				'until', o.until, 'organisationId', o.organisation_id, 'visibility', o.visibility,
				'authorId', o.author_id, 'createdAt', o.created_at) as offer,
			s.base_score + (case when coalesce(ap.languages && ${textArray(ctx.languages)}, false) then ${POINTS.language} else 0 end)
				+ ${loadPoints(sql`l.active`)} + ${donePoints(sql`d.done`)} as score
		from shortlist s
		join ${offers} o on o.id = s.id
		join ${users} u on u.id = s.author_id
		left join ${profiles} ap on ap.user_id = s.author_id
		left join ${territories} t on t.id = s.territory_id
		cross join lateral (select count(*)::int as active from ${claims} c
			where c.user_id = s.author_id and c.status = 'active' and c.expires_at > ${at}::timestamptz) l
		cross join lateral (select count(*)::int as done from ${claims} c join ${needs} n on n.id = c.need_id
			where c.user_id = s.author_id and c.status = 'completed' and n.category_id = ${ctx.categoryId}) d
		where not exists (select 1 from ${claims} c where c.need_id = ${ctx.id}::uuid and c.user_id = s.author_id
				and c.status = 'active' and c.expires_at > ${at}::timestamptz)
			and ${notBlocked(sql`s.author_id`, excluded)}
			and ${mayTake(sql`s.author_id`, ctx)} and ${gate}
		order by score desc, s.id
		limit ${LIMIT}`)
	);
}

const byScore = (a: { score: number }, b: { score: number }) => b.score - a.score;

/**
 * `GET /api/v1/needs/:id/matches`: for its organisation's operators and coordinators, offers and
 * people; for its author, offers only; 403 for anyone else (404 for who may not see the need).
 */
export async function needMatches(actor: Actor | null, needId: string): Promise<NeedMatch[]> {
	authorize(actor, actor !== null);
	const { row } = await seeNeed(actor, needId);
	const scope = matchScope(actor, row.need);
	if (!scope) refuse(actor);
	return matchesOf(actor, row, scope);
}

/**
 * The suggestions section of a need's page: null for those who see none, and for a need no
 * longer open; with who among the people suggested was already invited.
 */
export async function needSuggestions(actor: Actor | null, needId: string) {
	authorize(actor, actor !== null);
	const { row } = await seeNeed(actor, needId);
	const scope = matchScope(actor, row.need);
	const open = row.need.status === 'open' || row.need.status === 'in_progress';
	if (!scope || !open) return null;
	const items = await matchesOf(actor, row, scope);
	const people = items.flatMap((i) => (i.type === 'person' ? [i.person.id] : []));
	const invited = people.length
		? await db
				.select({ userId: needInvitations.userId })
				.from(needInvitations)
				.where(
					and(eq(needInvitations.needId, row.need.id), inArray(needInvitations.userId, people))
				)
		: [];
	return { items, people: scope === 'all', invited: invited.map((r) => r.userId) };
}

async function matchesOf(
	actor: Actor,
	row: NeedRowWithNames,
	scope: 'all' | 'offers'
): Promise<NeedMatch[]> {
	const ctx = await needContext(row);
	const [offerRows, peopleRows] = await Promise.all([
		offersFor(ctx, actor.id),
		scope === 'all' ? peopleFor(ctx, actor.id) : []
	]);
	const names = ctx.skillNames;
	const items: NeedMatch[] = [
		...offerRows.map((r): NeedMatch => {
			const { reasons, details } = explain(r, ctx, names, { sameCategory: r.same_cat });
			return {
				type: 'offer',
				offer: {
					...r.offer,
					createdAt: new Date(r.offer.createdAt).toISOString(),
					status: 'open',
					territoryName: r.territory_name,
					authorName: r.author_name
				},
				score: Number(r.score),
				reasons,
				details
			};
		}),
		...peopleRows.map((r): NeedMatch => {
			const { reasons, details } = explain(r, ctx, names);
			return {
				type: 'person',
				person: { id: r.user_id, name: r.name },
				score: Number(r.score),
				reasons,
				details
			};
		})
	];
	return items.sort(byScore);
}

/**
 * `GET /api/v1/me/matches`, "needs for me": open needs with room that the caller may see and
 * take (the need's rule, the qualification gate, not their own, not already theirs, nobody
 * blocked either way) and that fit them, best first. Candidates are the newest open needs of the
 * places near home, of the categories that call for their skills or that they helped in before,
 * of parts that require one of their skills, and the newest of all; each is scored in SQL.
 */
export async function myMatches(actor: Actor | null): Promise<MyMatch[]> {
	authorize(actor, actor !== null);
	if (!actor.emailVerified) return [];
	const [profileRows, allTerritories, skillList, doneRows] = await Promise.all([
		db.select().from(profiles).where(eq(profiles.userId, actor.id)),
		listTerritories(),
		listSkills(),
		db
			.selectDistinct({ categoryId: needs.categoryId })
			.from(claims)
			.innerJoin(needs, eq(needs.id, claims.needId))
			.where(and(eq(claims.userId, actor.id), eq(claims.status, 'completed')))
	]);
	const profile = profileRows[0];
	const mySkills = profile?.skillIds ?? [];
	const myLanguages = (profile?.languages ?? []).filter((l) => l !== 'it');
	const availability = profile?.availability ?? {};
	const near = nearby(allTerritories, profile?.homeTerritoryId ?? null);
	const time = weekTime(now());
	const skillCategories = mySkills.length
		? await db
				.selectDistinct({ categoryId: categorySkills.categoryId })
				.from(categorySkills)
				.where(inArray(categorySkills.skillId, mySkills))
		: [];
	const categoriesForSkills = skillCategories.map((r) => r.categoryId);
	const doneCategories = doneRows.map((r) => r.categoryId);
	const categoriesToWalk = [...new Set([...categoriesForSkills, ...doneCategories])];
	const orgs = [...actor.roles.keys()];
	const trusted = isTrusted(actor);
	const freeNow = time.part !== null && (availability[time.day] ?? []).includes(time.part);
	const freeDays = Object.entries(availability)
		.filter(([, parts]) => (parts ?? []).length > 0)
		.map(([day]) => day);
	const at = now().toISOString();
	const open = sql`n.status in ('open', 'in_progress')`;
	// What a candidate must be, checked while walking the indexes: open, visible to the caller,
	// its rule admitting them, not their own.
	const ruleSql = sql`(n.claim_rule = 'anyone'
		or (n.claim_rule = 'trusted' and (${trusted} or n.organisation_id = any(${uuidArray(orgs)})))
		or (n.claim_rule = 'organisation' and n.organisation_id = any(${uuidArray(orgs)})))`;
	const fits = sql`${open} and (n.visibility = 'public' or n.organisation_id = any(${uuidArray(orgs)}))
		and ${ruleSql} and n.author_id is distinct from ${actor.id}::uuid`;
	const columns = sql`n.id, n.category_id, n.urgency, n.created_at, n.territory_id, n.due_date, n.author_id`;
	const sources: SQL[] = [
		sql`(select ${columns} from ${needs} n where n.status = 'open' and ${fits} order by n.created_at desc limit ${FOR_ME.newest})`
	];
	if (near.length)
		sources.push(sql`select x.* from unnest(${uuidArray(near.map((n) => n.id))}) as k(tid)
			cross join lateral (select ${columns} from ${needs} n where n.territory_id = k.tid and ${fits}
				order by n.created_at desc limit ${FOR_ME.perPlace}) x`);
	if (categoriesToWalk.length)
		sources.push(sql`select x.* from unnest(${textArray(categoriesToWalk)}) as k(cid)
			cross join lateral (select ${columns} from ${needs} n where n.category_id = k.cid and ${fits}
				order by n.created_at desc limit ${FOR_ME.perCategory}) x`);
	if (mySkills.length)
		sources.push(sql`(select ${columns} from ${needParts} p join ${needs} n on n.id = p.need_id
			where p.required_skill_id = any(${uuidArray(mySkills)}) and ${fits}
			order by n.created_at desc limit ${FOR_ME.gated})`);
	const rows = rowsOf<{
		id: string;
		score: number;
		territory_how: TerritoryHow | null;
		cat_fit: boolean;
		req_skills: string[] | null;
		free_due: boolean;
		free_now: boolean;
		author_languages: string[] | null;
		done: boolean;
		due_day: Day | null;
	}>(
		await db.execute(sql`
		with near as (${nearTable(near)}),
		cand as (${sql.join(sources, sql` union `)}),
		base as (
			select n.id, n.category_id, n.urgency, n.created_at, nr.how as territory_how, coalesce(nr.pts, 0) as t_pts,
				(n.category_id = any(${textArray(categoriesForSkills)})) as cat_fit,
				(n.category_id = any(${textArray(doneCategories)})) as done,
				pp.req_skills,
				(${freeNow} and n.urgency in ('high', 'critical')) as free_now,
				(n.due_date is not null and (array['mon','tue','wed','thu','fri','sat','sun'])[extract(isodow from n.due_date)::int] = any(${textArray(freeDays)})) as free_due,
				(array['mon','tue','wed','thu','fri','sat','sun'])[extract(isodow from n.due_date)::int] as due_day,
				ap.languages as author_languages,
				coalesce(ap.languages && ${textArray(myLanguages)}, false) as speaks
			from cand n
			-- Its parts, once per candidate: places, whether one may take any, the skills of mine they require.
			cross join lateral (select coalesce(sum(p.capacity), 0) as places,
					bool_or(p.required_skill_id is null or p.required_skill_id = any(${uuidArray(mySkills)})) as open_to_me,
					array_agg(p.required_skill_id) filter (where p.required_skill_id = any(${uuidArray(mySkills)})) as req_skills
				from ${needParts} p where p.need_id = n.id) pp
			left join near nr on nr.tid = n.territory_id
			left join ${profiles} ap on ap.user_id = n.author_id
			where not exists (select 1 from ${claims} c where c.need_id = n.id and c.user_id = ${actor.id}::uuid
					and c.status = 'active' and c.expires_at > ${at}::timestamptz)
				and pp.open_to_me
				and pp.places > (select count(*) from ${claims} c where c.need_id = n.id and c.status = 'active'
					and c.expires_at > ${at}::timestamptz)
				and (n.author_id is null or ${notBlocked(sql`n.author_id`, [actor.id])})
		)
		select id, territory_how, cat_fit, req_skills, free_now, free_due, due_day, author_languages, done,
			(case when cat_fit then ${POINTS.category} else 0 end)
				+ (case when req_skills is not null then ${POINTS.skill} else 0 end) + t_pts
				+ (case when free_now then ${POINTS.availableNow} else 0 end)
				+ (case when free_due then ${POINTS.availableDue} else 0 end)
				+ (case when speaks then ${POINTS.language} else 0 end)
				+ (case when done then ${POINTS.doneBefore * 3} else 0 end) as score
		from base
		order by score desc, (case urgency when 'critical' then 0 when 'high' then 1 when 'normal' then 2 else 3 end), created_at desc, id
		limit ${LIMIT}`)
	).filter((r) => Number(r.score) > 0);
	if (!rows.length) return [];
	const needRows = await fromNeeds().where(
		inArray(
			needs.id,
			rows.map((r) => r.id)
		)
	);
	const byId = new Map(needRows.map((r) => [r.need.id, r as NeedRowWithNames]));
	const names = new Map(skillList.map((s) => [s.id, s.name]));
	return rows.flatMap((r): MyMatch[] => {
		const row = byId.get(r.id);
		if (!row) return [];
		const need = shapeNeed(actor, row);
		const languages = intersect(r.author_languages ?? [], myLanguages);
		const reasons: MatchReason[] = [];
		const categorySkills = r.cat_fit ? mySkills : [];
		if (r.cat_fit) reasons.push('category');
		if (r.req_skills) reasons.push('skill');
		if (r.territory_how) reasons.push('territory');
		if (r.free_now) reasons.push('available_now');
		if (r.free_due) reasons.push('available_due');
		if (languages.length) reasons.push('language');
		if (r.done) reasons.push('done_before');
		return [
			{
				need,
				score: Number(r.score),
				reasons,
				details: {
					categorySkills: categorySkills.map((id) => names.get(id) ?? '').filter(Boolean),
					skills: (r.req_skills ?? []).map((id) => names.get(id) ?? '').filter(Boolean),
					territory:
						r.territory_how && need.territoryName
							? { name: need.territoryName, how: r.territory_how }
							: null,
					now: r.free_now && time.part ? { day: time.day, part: time.part as DayPart } : null,
					dueDay: r.free_due ? r.due_day : null,
					languages,
					activeClaims: 0,
					done: r.done ? 1 : 0
				}
			}
		];
	});
}

/**
 * A coordinator (or operator) of the need's organisation invites a suggested person: they get a
 * notification with a link to the need, never an obligation. Once per person and need; not
 * someone who switched suggestions off, nor someone blocked either way; a budget per inviter.
 */
export async function inviteToNeed(actor: Actor | null, needId: string, userId: string) {
	authorize(actor, actor !== null);
	const { row } = await seeNeed(actor, needId);
	authorize(actor, canInvite(actor, row.need));
	if (row.need.status !== 'open' && row.need.status !== 'in_progress')
		throw new DomainError('conflict', { extra: { reason: 'need_closed' } });
	if (userId === actor.id || userId === row.need.authorId)
		throw new DomainError('invalid_input', { fields: { userId: 'v_invalid' } });
	await enforceLimit(`need-invites:${actor.id}`, config().rateLimits.needInvitesPerPerson);
	const [person] = rowsOf<{ ok: boolean }>(
		await db.execute(sql`
			select (not coalesce(p.hidden_from_suggestions, false)
					and ${notBlocked(sql`u.id`, [actor.id, ...(row.need.authorId ? [row.need.authorId] : [])])}) as ok
			from ${users} u left join ${profiles} p on p.user_id = u.id
			where u.id = ${userId}::uuid`)
	);
	if (!person || !person.ok) throw new DomainError('not_found');
	// Once per person and need, however many invite at the same instant: the key decides.
	const [invited] = await db
		.insert(needInvitations)
		.values({ needId, userId, invitedBy: actor.id })
		.onConflictDoNothing()
		.returning({ userId: needInvitations.userId });
	if (!invited) throw new DomainError('conflict', { extra: { reason: 'already_invited' } });
	publish('need.invited', { needId, userId, invitedBy: actor.id });
}
