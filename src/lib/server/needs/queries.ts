import { sql, type SQL } from 'drizzle-orm';
import { standingColumns, type Actor } from '../auth/actor';
import { now } from '../clock';
import { config } from '../config';
import { currentDatabase, db } from '../db/client';
import { claims, memberships, needs, organisations, users } from '../db/schema';

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
 * The SQL form of `rulePermits` for the holder `c.user_id` of a claim on need `n`: a proved
 * address, and the need's rule (anyone; trusted helpers or its own people; its own people).
 */
function rulePermitsHolder(): SQL {
	const own = sql`exists (select 1 from ${memberships} m where m.organisation_id = n.organisation_id and m.user_id = c.user_id)`;
	const verified = config().emailVerification
		? sql`exists (select 1 from ${users} u where u.id = c.user_id and u.email_verified_at is not null)`
		: sql`true`;
	const trusted = sql`(exists (select 1 from ${users} u where u.id = c.user_id and u.is_admin) or ${standingColumns(sql`c.user_id`).vouched} or exists (select 1 from ${memberships} m join ${organisations} o on o.id = m.organisation_id where m.user_id = c.user_id and o.status = 'verified'))`;
	return sql`(${verified} and (n.claim_rule = 'anyone' or (n.claim_rule = 'trusted' and (${own} or ${trusted})) or (n.claim_rule = 'organisation' and ${own})))`;
}

/**
 * Who may see these needs' helpers, and so who is acting on them by name (the policy's
 * viewHistory): each need's author and its organisation's members, and its current helpers while
 * its rule still admits them, all of them only while they may see the need at all. A claim past
 * its end has ended here too, as in every read (`liveRow`), before the sweep writes so.
 */
export async function insidersOf(needIds: string[]): Promise<Map<string, Set<string>>> {
	const byNeed = new Map<string, Set<string>>(needIds.map((id) => [id, new Set()]));
	if (!needIds.length) return byNeed;
	const ids = sql.join(
		needIds.map((id) => sql`${id}::uuid`),
		sql`, `
	);
	const sees = (userId: SQL) =>
		sql`(n.visibility = 'public' or exists (select 1 from ${memberships} m where m.organisation_id = n.organisation_id and m.user_id = ${userId}))`;
	const rows = currentDatabase().rows<{ need_id: string; user_id: string }>(
		await db.execute(sql`
			select n.id as need_id, n.author_id as user_id from ${needs} n
				where n.id in (${ids}) and n.author_id is not null and ${sees(sql`n.author_id`)}
			union select n.id, m.user_id from ${needs} n
				join ${memberships} m on m.organisation_id = n.organisation_id where n.id in (${ids})
			union select c.need_id, c.user_id from ${claims} c join ${needs} n on n.id = c.need_id
				where c.need_id in (${ids}) and c.status = 'active' and ${sees(sql`c.user_id`)}
					and c.expires_at > ${now().toISOString()}::timestamptz and ${rulePermitsHolder()}`)
	);
	for (const row of rows) byNeed.get(row.need_id)?.add(row.user_id);
	return byNeed;
}
