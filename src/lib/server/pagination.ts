import { DomainError } from './errors';
import { isId } from '$lib/shared/schemas/common';

/**
 * Keyset cursors: the sort keys of the last item of a page (e.g. its time and id), opaque to
 * clients. A page never repeats or skips an item when rows arrive between requests.
 */
export function encodeCursor(...keys: string[]): string {
	return Buffer.from(JSON.stringify(keys)).toString('base64url');
}

/** The keys of a cursor, or null without one; a cursor that is not ours is `invalid_input`. */
export function decodeCursor(cursor: string | undefined, arity: number): string[] | null {
	if (!cursor) return null;
	try {
		const keys = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
		if (
			!Array.isArray(keys) ||
			keys.length !== arity ||
			!keys.every((k) => typeof k === 'string')
		) {
			throw new Error('not a cursor');
		}
		return keys;
	} catch {
		throw new DomainError('invalid_input', { fields: { cursor: 'v_invalid' } });
	}
}

const badCursor = () => new DomainError('invalid_input', { fields: { cursor: 'v_invalid' } });

/** A cursor key that must be one of our ids. */
export function cursorId(value: string): string {
	if (!isId(value)) throw badCursor();
	return value;
}

/** A cursor key that must be a time PostgreSQL can store (and we could have written). */
export function cursorTime(value: string): Date {
	const at = new Date(value);
	const year = at.getUTCFullYear();
	if (Number.isNaN(at.getTime()) || year < 2000 || year > 9999) throw badCursor();
	return at;
}

/** A (time, id) cursor, the usual one for lists newest first. */
export function decodeTimeCursor(cursor: string | undefined): { at: Date; id: string } | null {
	const keys = decodeCursor(cursor, 2);
	if (!keys) return null;
	return { at: cursorTime(keys[0]), id: cursorId(keys[1]) };
}

export interface Page<T> {
	items: T[];
	nextCursor: string | null;
}

/** Cuts the extra row a query fetched to know whether another page exists. */
export function toPage<R, T>(
	rows: R[],
	limit: number,
	map: (row: R) => T,
	cursorOf: (row: R) => string[]
): Page<T> {
	const page = rows.slice(0, limit);
	const last = page.at(-1);
	return {
		items: page.map(map),
		nextCursor: rows.length > limit && last ? encodeCursor(...cursorOf(last)) : null
	};
}
