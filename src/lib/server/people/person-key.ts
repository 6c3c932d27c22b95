import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { recordAudit } from '../administration/audit';
import { config } from '../config';
import type { Executor } from '../db/client';
import { enforceLimit } from '../limits';

let secret: string | undefined;

/**
 * The network's secret for person keys. It lives outside the database, so that a copy of the
 * database alone cannot test guesses: `PERSON_KEY_SECRET`, or a file made on first run beside
 * the data directory (`<DATA_DIR>.person-key`), never inside it. Every node must share it.
 */
function networkSecret(): string {
	if (secret) return secret;
	const fromEnv = config().personKeySecret;
	if (fromEnv) return (secret = fromEnv);
	const file = `${path.resolve(config().dataDir)}.person-key`;
	if (!existsSync(file)) {
		mkdirSync(path.dirname(file), { recursive: true });
		// `wx`: when two processes start at once, one writes and the other reads its secret.
		try {
			writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
	return (secret = readFileSync(file, 'utf8').trim());
}

/** What the database keeps of a person key: an HMAC, never the key itself. */
export function personKeyHash(normalised: string): string {
	return createHmac('sha256', networkSecret()).update(normalised).digest('hex');
}

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
