import { json, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { DomainError, describeError, type ErrorAnswer, type ErrorCode } from '../errors';
import { parse } from '../input';
import { log } from '../log';

export const MAX_BODY_BYTES = 1024 * 1024;

/** The error answer of docs/api.md: `{ error: { code, message, fields? }, ...extra }`. */
function errorResponse(answer: ErrorAnswer, headers?: HeadersInit) {
	const { status, code, message, fields, extra, retryAfterSeconds } = answer;
	return json(
		{ error: { code, message, ...(fields ? { fields } : {}) }, ...extra },
		{
			status,
			headers: retryAfterSeconds
				? { ...headers, 'retry-after': String(retryAfterSeconds) }
				: headers
		}
	);
}

/** An error answer the endpoint decides itself (a wrong method, a body too large). */
export function apiError(
	code: ErrorCode,
	options: { extra?: Record<string, unknown>; headers?: HeadersInit } = {}
) {
	return errorResponse(
		describeError(new DomainError(code, { extra: options.extra })),
		options.headers
	);
}

export function toApiResponse(error: unknown): Response {
	const answer = describeError(error);
	if (answer.code === 'internal') log.error('unexpected error in an API call', { error });
	return errorResponse(answer);
}

/** Wraps an endpoint so that every domain error becomes the answer docs/api.md describes. */
export function endpoint<E extends RequestEvent>(handler: (event: E) => Promise<Response>) {
	return async (event: E) => {
		try {
			return await handler(event);
		} catch (error) {
			return toApiResponse(error);
		}
	};
}

/** Reads the body up to `MAX_BODY_BYTES`, whatever the client claims its length is. */
async function readLimited(request: Request, maxBytes: number): Promise<string> {
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > maxBytes) throw new DomainError('too_large');
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > maxBytes) throw new DomainError('too_large');
			chunks.push(value);
		}
	} catch (error) {
		if (error instanceof DomainError) throw error;
		// The adapter's own size guard or a client that hung up: either way the body is unusable.
		throw new DomainError('too_large');
	} finally {
		reader.releaseLock();
	}
	return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * The request's JSON body parsed by `schema`. Malformed JSON and schema failures are a 400
 * `invalid_input` listing every invalid field; an empty body counts as `{}`, and a body that is
 * not an object is refused.
 */
export async function readJson<S extends z.ZodType>(
	request: Request,
	schema: S,
	maxBytes = MAX_BODY_BYTES
): Promise<z.infer<S>> {
	const text = await readLimited(request, maxBytes);
	let body: unknown = {};
	if (text.trim()) {
		try {
			body = JSON.parse(text);
		} catch {
			throw new DomainError('invalid_input', { fields: { _: 'v_malformed_json' } });
		}
	}
	// Every body of ours is an object: `null`, a list or a bare value is refused before any
	// schema (whose refinements read its fields) sees it.
	if (body === null || typeof body !== 'object' || Array.isArray(body))
		throw new DomainError('invalid_input', { fields: { _: 'v_invalid_body' } });
	return parse(schema, body);
}

export function requireUser(event: RequestEvent) {
	const user = event.locals.user;
	if (!user || !event.locals.session) throw new DomainError('unauthenticated');
	return { user, session: event.locals.session };
}
