import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { config } from './config';

/**
 * The network's keyed-hash secrets, one per purpose so that their hashes never match each
 * other: person keys of needs, and tied identities of voters. Each lives outside the database,
 * so that a copy of the database alone cannot test guesses: from the environment, or a file
 * made on first run beside the data directory (`<DATA_DIR>.<name>`), never inside it. Every
 * node must share them.
 */
const purposes = {
	'person-key': () => config().personKeySecret,
	identity: () => config().identitySecret
} as const;

export type SecretPurpose = keyof typeof purposes;

const known = new Map<SecretPurpose, string>();

function secretFor(purpose: SecretPurpose): string {
	const kept = known.get(purpose);
	if (kept) return kept;
	const secret = purposes[purpose]() ?? fromFile(`${path.resolve(config().dataDir)}.${purpose}`);
	known.set(purpose, secret);
	return secret;
}

function fromFile(file: string): string {
	if (!existsSync(file)) {
		mkdirSync(path.dirname(file), { recursive: true });
		// `wx`: when two processes start at once, one writes and the other reads its secret.
		try {
			writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
	return readFileSync(file, 'utf8').trim();
}

/** What the database keeps of a value for this purpose: an HMAC, never the value itself. */
export function keyedHash(purpose: SecretPurpose, normalised: string): string {
	return createHmac('sha256', secretFor(purpose)).update(normalised).digest('hex');
}
