import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { needs } from '../db/schema';

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
