import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { config } from '../config';

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
