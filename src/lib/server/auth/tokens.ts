import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** 160 random bits, readable in a header or a cookie. */
export function generateToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** What the database keeps instead of a token: a stolen table opens no session. */
export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** A stable, non-reversible key for a rate limit or a log line, never the raw value. */
export function opaqueKey(...parts: string[]): string {
	return hashToken(parts.join('\u0000')).slice(0, 32);
}
