import { sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { config } from '../config';
import { currentDatabase, type Executor } from '../db/client';
import { needs } from '../db/schema';
import { visibleNeeds } from './queries';

const RECENT_DAYS = 90;
/** Newest needs looked at per status: a wider window only finds needs nobody remembers. */
const WINDOW = 500;
/** Titles scored in full (with the description): the closest titles of the window. */
const TITLE_SHORTLIST = 20;
const MAX_CANDIDATES = 5;
/** Titles less alike than this are not candidates at all. */
const TITLE_PREFILTER = 0.35;
const NO_TERRITORY = '00000000-0000-0000-0000-000000000000';

export interface DuplicateCandidate {
	id: string;
	title: string;
	similarity: number;
}

/**
 * Open needs of the same category and territory that read like this one. Candidates are bounded
 * before anything is scored, so the check costs the same at a thousand needs or a million: the
 * newest 500 open and 500 in-progress needs of the scope (one backward walk of an index each),
 * visible to the poster; their titles are compared (trigrams), and only the 20 closest titles
 * are scored with the start of their description too ("Spesa per Mario" / "Spesa per Rosa").
 */
export async function findDuplicates(
	tx: Executor,
	actor: Actor,
	input: { title: string; description: string; category: string; territoryId: string | null }
): Promise<DuplicateCandidate[]> {
	const title = input.title.toLowerCase();
	const description = input.description.toLowerCase().slice(0, 300);
	const sameTerritory = sql`coalesce(${needs.territoryId}, ${NO_TERRITORY}::uuid) = ${input.territoryId ?? NO_TERRITORY}::uuid`;
	const newest = (status: 'open' | 'in_progress') => sql`(
		select ${needs.id} as id, ${needs.title} as title from ${needs}
		where ${needs.categoryId} = ${input.category} and ${sameTerritory} and ${needs.status} = ${status}
			and ${needs.createdAt} > now() - make_interval(days => ${RECENT_DAYS}) and ${visibleNeeds(actor)}
		order by ${needs.createdAt} desc limit ${WINDOW})`;
	const result = await tx.execute(sql`
		with recent as (${newest('open')} union all ${newest('in_progress')}),
		shortlist as (
			select id, similarity(lower(title), ${title}) as title_score from recent
			where similarity(lower(title), ${title}) >= ${TITLE_PREFILTER}
			order by title_score desc limit ${TITLE_SHORTLIST}
		),
		scored as (
			select n.id, n.title,
				0.65 * s.title_score + 0.35 * similarity(lower(left(n.description, 300)), ${description}) as score
			from shortlist s join ${needs} n on n.id = s.id
		)
		select id, title, score from scored where score >= ${config().duplicateThreshold}
		order by score desc limit ${MAX_CANDIDATES}`);
	return currentDatabase()
		.rows<{ id: string; title: string; score: number }>(result)
		.map((r) => ({
			id: r.id,
			title: r.title,
			similarity: Math.round(Number(r.score) * 100) / 100
		}));
}
