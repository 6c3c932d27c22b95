import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { currentDatabase, db } from '../db/client';
import { claims, memberships, needs } from '../db/schema';

/**
 * The SQL form of the policy's "view": public needs, and organisation-only needs of one's own
 * organisations, given as one comma-separated parameter (a value, or a prepared statement's
 * placeholder), so that every person's query has the same shape.
 */
export function visibleToOrganisations(organisationIds: string | SQL): SQL {
	return sql`(${needs.visibility} = 'public' or ${needs.organisationId} = any(string_to_array(${organisationIds}, ',')::uuid[]))`;
}

export function visibleNeeds(actor: Actor): SQL {
	return visibleToOrganisations([...actor.roles.keys()].join(','));
}

/**
 * Who may see these needs' helpers, and so who is acting on them by name (the policy's
 * viewContact): each need's author, its organisation's members and its current helpers.
 */
export async function insidersOf(needIds: string[]): Promise<Map<string, Set<string>>> {
	const byNeed = new Map<string, Set<string>>(needIds.map((id) => [id, new Set()]));
	if (!needIds.length) return byNeed;
	const ids = sql.join(
		needIds.map((id) => sql`${id}::uuid`),
		sql`, `
	);
	const rows = currentDatabase().rows<{ need_id: string; user_id: string }>(
		await db.execute(sql`
			select id as need_id, author_id as user_id from ${needs}
				where id in (${ids}) and author_id is not null
			union select n.id, m.user_id from ${needs} n
				join ${memberships} m on m.organisation_id = n.organisation_id where n.id in (${ids})
			union select c.need_id, c.user_id from ${claims} c join ${needs} n on n.id = c.need_id
				where c.need_id in (${ids}) and c.status = 'active' and (n.visibility = 'public'
					or exists (select 1 from ${memberships} m where m.organisation_id = n.organisation_id and m.user_id = c.user_id))`)
	);
	for (const row of rows) byNeed.get(row.need_id)?.add(row.user_id);
	return byNeed;
}
