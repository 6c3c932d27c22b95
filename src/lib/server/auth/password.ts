import { hash, verify } from '@node-rs/argon2';
import { config } from '../config';

// OWASP's argon2id parameters. `algorithm: 2` is Argon2id (the package's enum is a const enum,
// which isolated modules cannot import).
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
// PASSWORD_HASH=fast, for the test suite's thousands of sign-ups: thirty times cheaper.
const fast = { ...options, memoryCost: 1024, timeCost: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, config().fastPasswordHash ? fast : options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

// A real hash of a random string, verified when the e-mail is unknown so that both answers
// take as long as each other.
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
	decoy ??= hashPassword(crypto.randomUUID());
	await verifyPassword(await decoy, password);
	return false;
}
