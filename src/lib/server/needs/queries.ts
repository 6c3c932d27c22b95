import { eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { needs } from '../db/schema';

/** The SQL form of the policy's "view": public needs, and organisation-only needs of one's own organisations. */
export function visibleNeeds(actor: Actor): SQL {
	const mine = [...actor.roles.keys()];
	return mine.length
		? or(eq(needs.visibility, 'public'), inArray(needs.organisationId, mine))!
		: eq(needs.visibility, 'public');
}
