import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { config } from '../config';
import type { Executor } from '../db/client';
import { needs } from '../db/schema';
import { visibleNeeds } from './queries';

const RECENT_DAYS = 90;
const MAX_CANDIDATES = 5;
/** Titles less alike than this are not scored at all (set per transaction for the `%` operator). */
const TITLE_PREFILTER = 0.35;

export interface DuplicateCandidate {
	id: string;
	title: string;
	similarity: number;
}

/**
 * Open needs of the same category and territory that read like this one. Titles carry most of
 * the weight (they are short and say what is needed); the start of the description breaks ties
 * between "Spesa per Mario" and "Spesa per Rosa". Candidates are bounded before scoring: open,
 * recent, same category and territory, titles sharing trigrams (GIN index), visible to the poster.
 */
export async function findDuplicates(
	tx: Executor,
	actor: Actor,
	input: { title: string; description: string; category: string; territoryId: string | null }
): Promise<DuplicateCandidate[]> {
	const title = input.title.toLowerCase();
	const description = input.description.toLowerCase().slice(0, 300);
	// The trigram index answers `%` with this threshold: fewer, closer candidates to score.
	await tx.execute(
		sql`select set_config('pg_trgm.similarity_threshold', ${String(TITLE_PREFILTER)}, true)`
	);
	const score = sql<number>`(0.65 * similarity(lower(${needs.title}), ${title}) + 0.35 * similarity(lower(left(${needs.description}, 300)), ${description}))`;
	const rows = await tx
		.select({ id: needs.id, title: needs.title, similarity: score })
		.from(needs)
		.where(
			and(
				visibleNeeds(actor),
				inArray(needs.status, ['open', 'in_progress']),
				eq(needs.categoryId, input.category),
				input.territoryId ? eq(needs.territoryId, input.territoryId) : isNull(needs.territoryId),
				gt(needs.createdAt, sql`now() - make_interval(days => ${RECENT_DAYS})`),
				// Trigram pre-filter on the title, through its GIN index.
				sql`${needs.title} % ${input.title}`,
				sql`${score} >= ${config().duplicateThreshold}`
			)
		)
		.orderBy(desc(score))
		.limit(MAX_CANDIDATES);
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		similarity: Math.round(Number(r.similarity) * 100) / 100
	}));
}
