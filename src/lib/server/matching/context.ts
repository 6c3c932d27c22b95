import { sql, type SQL } from 'drizzle-orm';
import { standingColumns } from '../auth/actor';
import { config } from '../config';
import { blocks, memberships, organisations, users } from '../db/schema';
import type { Territory } from '../territories/service';
import { TIME_ZONE } from '$lib/shared/format';
import type { MatchDetails } from '$lib/shared/views/matching';
import { dayParts, weekDays } from '$lib/shared/schemas/people';

export type Day = (typeof weekDays)[number];
export type DayPart = (typeof dayParts)[number];
export type TerritoryHow = NonNullable<MatchDetails['territory']>['how'];

/** Points of each reason: the score is their sum, and a suggestion needs at least one. */
export const POINTS = {
	category: 25,
	skill: 25,
	/** Offers: the same category as the need. */
	sameCategory: 30,
	territory: { same: 20, inside: 15, around: 10, near: 8 } satisfies Record<TerritoryHow, number>,
	availableNow: 10,
	availableDue: 8,
	language: 10,
	/** Ten with no active claim, five with one, none from two. */
	lightLoad: 10,
	/** Four for each completed claim in the category, up to three. */
	doneBefore: 4
} as const;

/** Arrays as one parameter each (`'{…}'::uuid[]`): the same query shape whatever their length. */
export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;
export const textArray = (xs: readonly string[]) =>
	sql`${`{${xs.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
export const intArray = (xs: readonly number[]) => sql`${`{${xs.join(',')}}`}::int[]`;

const WEEKDAY: Record<string, Day> = {
	Mon: 'mon',
	Tue: 'tue',
	Wed: 'wed',
	Thu: 'thu',
	Fri: 'fri',
	Sat: 'sat',
	Sun: 'sun'
};

const clock = new Intl.DateTimeFormat('en-GB', {
	timeZone: TIME_ZONE,
	weekday: 'short',
	hour: 'numeric',
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/**
 * The time of week in the network's time zone: the weekday, its part (morning 6–12, afternoon
 * 12–18, evening 18–24; at night, none) and today's date (for offers' end dates).
 */
export function weekTime(at: Date): { day: Day; part: DayPart | null; today: string } {
	const parts = Object.fromEntries(clock.formatToParts(at).map((p) => [p.type, p.value]));
	const hour = Number(parts.hour);
	const part = hour < 6 ? null : hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening';
	return {
		day: WEEKDAY[parts.weekday],
		part,
		today: `${parts.year}-${parts.month}-${parts.day}`
	};
}

/** The weekday of a date ("2026-12-08" → "tue"). */
export function weekdayOf(date: string | null): Day | null {
	if (!date) return null;
	return weekDays[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7];
}

/**
 * The territories that count as near `id`, with how and their points: the same one, those
 * inside it, those around it (its ancestors) and its siblings. None without a territory.
 */
export function nearby(
	all: readonly Territory[],
	id: string | null
): { id: string; how: TerritoryHow; points: number }[] {
	const here = id ? all.find((t) => t.id === id) : undefined;
	if (!here) return [];
	const out = new Map<string, TerritoryHow>([[here.id, 'same']]);
	const children = new Map<string | null, Territory[]>();
	for (const t of all) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t]);
	const below = [...(children.get(here.id) ?? [])];
	while (below.length) {
		const t = below.pop()!;
		out.set(t.id, 'inside');
		below.push(...(children.get(t.id) ?? []));
	}
	for (let up = here.parentId; up; up = all.find((t) => t.id === up)?.parentId ?? null)
		out.set(up, 'around');
	for (const sibling of children.get(here.parentId) ?? [])
		if (!out.has(sibling.id)) out.set(sibling.id, 'near');
	return [...out].map(([tid, how]) => ({ id: tid, how, points: POINTS.territory[how] }));
}

/** `near(tid, pts, how)` as a table for a query's `with`. */
export function nearTable(near: ReturnType<typeof nearby>): SQL {
	return sql`select * from unnest(${uuidArray(near.map((n) => n.id))}, ${intArray(near.map((n) => n.points))}, ${textArray(near.map((n) => n.how))}) as near(tid, pts, how)`;
}

/** Neither of two people blocked the other: `user` (a column) and any of `others`. */
export function notBlocked(user: SQL, others: readonly string[]): SQL {
	const ids = uuidArray(others);
	return sql`not exists (select 1 from ${blocks} b where (b.blocker_id = ${user} and b.blocked_id = any(${ids})) or (b.blocked_id = ${user} and b.blocker_id = any(${ids})))`;
}

/**
 * The SQL form of `rulePermits` (needs/policy.ts) for the person `user` on a need known here:
 * a proved address, and the need's rule; an organisation-only need also only for its members,
 * who alone may see it.
 */
export function mayTake(
	user: SQL,
	need: {
		claimRule: 'anyone' | 'trusted' | 'organisation';
		organisationId: string | null;
		visibility: 'public' | 'organisation';
	}
): SQL {
	const own = need.organisationId
		? sql`exists (select 1 from ${memberships} m where m.organisation_id = ${need.organisationId}::uuid and m.user_id = ${user})`
		: sql`false`;
	const verified = config().emailVerification
		? sql`exists (select 1 from ${users} vu where vu.id = ${user} and vu.email_verified_at is not null)`
		: sql`true`;
	const trusted = sql`(exists (select 1 from ${users} au where au.id = ${user} and au.is_admin) or ${standingColumns(user).vouched} or exists (select 1 from ${memberships} m join ${organisations} o on o.id = m.organisation_id where m.user_id = ${user} and o.status = 'verified'))`;
	const rule =
		need.claimRule === 'anyone'
			? sql`true`
			: need.claimRule === 'trusted'
				? sql`(${own} or ${trusted})`
				: own;
	const sees = need.visibility === 'public' ? sql`true` : own;
	return sql`(${verified} and ${rule} and ${sees})`;
}
