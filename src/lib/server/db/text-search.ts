import { sql } from 'drizzle-orm';

/**
 * Search text as `websearch_to_tsquery` may safely read it. Its only operator that nests is the
 * leading `-` (not): a run of them ("- - - -", "----") overflows PostgreSQL's tsquery stack and
 * fails the query. A word keeps at most one `-` before it, and a `-` before nothing is dropped;
 * words, phrases in quotes, `or` and hyphenated words read as before.
 */
export function webSearchText(q: string): string {
	return q
		.split(/\s+/)
		.map((word) => word.replace(/^-[^\p{L}\p{N}"]*/u, '-'))
		.filter((word) => word !== '' && word !== '-')
		.join(' ');
}

/** The tsquery of a search in either language, from text already made safe. */
export const textQuery = (q: unknown) =>
	sql`(websearch_to_tsquery('italian', ${q}) || websearch_to_tsquery('english', ${q}))`;
