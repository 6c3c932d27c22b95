import { and, asc, desc, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { currentDatabase, db, preparedOnce } from '../db/client';
import { claims, needs, organisations, territories } from '../db/schema';
import { DomainError } from '../errors';
import { textQuery, webSearchText } from '../db/text-search';
import { cursorId, cursorTime, decodeCursor } from '../pagination';
import { withinTerritory } from '../territories/service';
import { visibleToOrganisations } from './queries';
import { needSelection, type NeedRowWithNames } from './views';
import type { NeedsQuery } from '$lib/shared/schemas/needs';

export type BoardQuery = NeedsQuery & {
	limit: number;
	cursor?: string;
	organisationId?: string;
	/** Only needs the actor holds a claim on now. */
	helping?: boolean;
	/**
	 * Only the requests the actor posted for themselves, whatever their status: always the
	 * actor's own (there is no asking for someone else's), and still within what the policy lets
	 * them see. What staff post for their organisation is the organisation's queue.
	 */
	authored?: boolean;
};

/**
 * Below this share of all needs, a text query goes through the GIN index first: its matches are
 * few enough to sort; above it, a walk along the board's index fills a page within a few rows.
 */
const RARE_WORD_SHARE = 0.02;

/** The expression must stay identical to the one of `needs_board_idx` in the schema. */
const urgencyRank = sql<number>`(case ${needs.urgency} when 'critical' then 0 when 'high' then 1 when 'normal' then 2 else 3 end)`;
export const urgencies = ['critical', 'high', 'normal', 'low'] as const;

/** Which filters a request uses: each combination is one prepared statement, built once. */
interface Shape {
	sort: 'urgency' | 'newest' | 'oldest';
	filters: (
		'organisation' | 'helping' | 'authored' | 'status' | 'category' | 'urgency' | 'territory'
	)[];
	text: 'rare' | 'common' | null;
	cursor: boolean;
}

const p = (name: string) => sql.placeholder(name);

/**
 * The board's query for one shape, with placeholders for every value. Building a query is most
 * of drizzle's cost, and the board is the most requested page: it is built once per shape and
 * database, and PostgreSQL plans it once per connection.
 */
function boardStatement(shape: Shape) {
	const key = `board_${shape.sort}_${shape.filters.join('_')}_${shape.text ?? 'all'}_${shape.cursor ? 'after' : 'first'}`;
	return preparedOnce(key, (database) => {
		const has = (f: Shape['filters'][number]) => shape.filters.includes(f);
		const conditions: SQL[] = [visibleToOrganisations(sql`${p('orgs')}`)];
		if (has('organisation')) conditions.push(sql`${needs.organisationId} = ${p('organisationId')}`);
		if (has('helping'))
			conditions.push(
				sql`${needs.id} in (select ${claims.needId} from ${claims} where ${claims.userId} = ${p('me')} and ${claims.status} = 'active')`
			);
		if (has('authored'))
			conditions.push(sql`${needs.authorId} = ${p('me')} and ${needs.organisationId} is null`);
		if (has('status')) conditions.push(sql`${needs.status} = ${p('status')}`);
		if (has('category')) conditions.push(sql`${needs.categoryId} = ${p('category')}`);
		if (has('urgency')) conditions.push(sql`${needs.urgency} = ${p('urgency')}`);
		if (has('territory'))
			conditions.push(withinTerritory(needs.territoryId, sql`${p('territoryId')}::uuid`));
		if (shape.text) {
			const tsquery = textQuery(p('q'));
			// A common word is best found by walking the board's order index and keeping matching
			// rows (a page fills at once). A rare word would make that walk visit every row, so
			// its few matches are taken from the GIN index first, behind an optimisation fence.
			conditions.push(
				shape.text === 'rare'
					? sql`${needs.id} in (select id from (select ${needs.id} as id from ${needs} where ${needs.search} @@ ${tsquery} offset 0) as matched)`
					: sql`${needs.search} @@ ${tsquery}`
			);
		}
		const after = sql`(${p('afterAt')}::timestamptz, ${p('afterId')}::uuid)`;
		if (shape.cursor)
			conditions.push(
				shape.sort === 'urgency'
					? sql`(${urgencyRank}, ${needs.createdAt}, ${needs.id}) > (${p('afterRank')}::int, ${p('afterAt')}::timestamptz, ${p('afterId')}::uuid)`
					: shape.sort === 'newest'
						? sql`(${needs.createdAt}, ${needs.id}) < ${after}`
						: sql`(${needs.createdAt}, ${needs.id}) > ${after}`
			);
		const order =
			shape.sort === 'urgency'
				? [asc(urgencyRank), asc(needs.createdAt), asc(needs.id)]
				: shape.sort === 'newest'
					? [desc(needs.createdAt), desc(needs.id)]
					: [asc(needs.createdAt), asc(needs.id)];
		return database
			.select(needSelection)
			.from(needs)
			.leftJoin(territories, sql`${territories.id} = ${needs.territoryId}`)
			.leftJoin(organisations, sql`${organisations.id} = ${needs.organisationId}`)
			.where(and(...conditions))
			.orderBy(...order)
			.limit(p('limit'))
			.prepare(key);
	});
}

/** PostgreSQL's own estimate of the share of needs a text query matches (planner statistics). */
async function estimatedShare(q: string): Promise<number> {
	const tsquery = textQuery(q);
	const [explained, counted] = await Promise.all([
		db.execute(
			sql`explain (format json) select 1 from ${needs} where ${needs.search} @@ ${tsquery}`
		),
		db.execute(
			sql`select greatest(reltuples, 1)::float8 as total from pg_class where oid = 'needs'::regclass`
		)
	]);
	const [row] = currentDatabase().rows<{ 'QUERY PLAN': unknown }>(explained);
	const [{ total }] = currentDatabase().rows<{ total: number }>(counted);
	const plan =
		typeof row['QUERY PLAN'] === 'string' ? JSON.parse(row['QUERY PLAN']) : row['QUERY PLAN'];
	const matches = Number(
		(plan as { Plan: { 'Plan Rows': number } }[])[0]?.Plan?.['Plan Rows'] ?? 0
	);
	return matches / Number(total);
}

/**
 * One page of the board (one row more than `limit`, to know whether another page follows):
 * needs the actor may see, filtered and searched, in keyset order. A text query goes through the
 * GIN index first when its word is rare, so a rare word is as fast as a common one.
 */
export async function boardRows(actor: Actor, query: BoardQuery): Promise<NeedRowWithNames[]> {
	const sort = query.sort ?? 'urgency';
	const values: Record<string, unknown> = {
		orgs: [...actor.roles.keys()].join(','),
		limit: query.limit + 1
	};
	const filters: Shape['filters'] = [];
	const use = (filter: Shape['filters'][number], name: string, value: unknown) => {
		if (value === undefined || value === null || value === false) return;
		filters.push(filter);
		values[name] = value;
	};
	use('organisation', 'organisationId', query.organisationId);
	use('helping', 'me', query.helping ? actor.id : undefined);
	use('authored', 'me', query.authored ? actor.id : undefined);
	use('status', 'status', query.status === 'all' ? undefined : query.status);
	use('category', 'category', query.category);
	use('urgency', 'urgency', query.urgency);
	use('territory', 'territoryId', query.territoryId);
	let text: Shape['text'] = null;
	if (query.q) {
		values.q = webSearchText(query.q);
		text = (await estimatedShare(values.q as string)) < RARE_WORD_SHARE ? 'rare' : 'common';
	}
	const after = decodeCursor(query.cursor, 3);
	if (after) {
		const [rank, at, id] = [after[0], cursorTime(after[1]), cursorId(after[2])];
		if (!/^[0-3]$/.test(rank))
			throw new DomainError('invalid_input', { fields: { cursor: 'v_invalid' } });
		Object.assign(values, { afterRank: Number(rank), afterAt: at.toISOString(), afterId: id });
	}
	const statement = boardStatement({ sort, filters, text, cursor: after !== null });
	return (await statement.execute(values)) as NeedRowWithNames[];
}
