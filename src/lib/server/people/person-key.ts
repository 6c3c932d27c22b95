import { recordAudit } from '../administration/audit';
import { config } from '../config';
import type { Executor } from '../db/client';
import { enforceLimit } from '../limits';
import { keyedHash } from '../secrets';

/** What the database keeps of a person key: an HMAC with the person keys' own secret. */
export const personKeyHash = (normalised: string) => keyedHash('person-key', normalised);

/**
 * A need posted with a person key is a lookup (its answer says how many other organisations
 * follow the person): counted per organisation per day, and each written in the audit log by
 * organisation, actor and need, never with the key or its hash. Called in the posting's
 * transaction, after the insert: over the limit, nothing is saved.
 */
export async function recordPersonKeyLookup(
	tx: Executor,
	lookup: { actorId: string; organisationId: string; needId: string }
) {
	await enforceLimit(
		`person-key:${lookup.organisationId}`,
		config().rateLimits.personKeyPerOrganisation
	);
	await recordAudit(tx, {
		actorId: lookup.actorId,
		action: 'person_key.lookup',
		subjectType: 'need',
		subjectId: lookup.needId,
		details: { organisationId: lookup.organisationId }
	});
}
