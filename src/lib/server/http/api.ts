import { json, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { DomainError, errorStatus, type ErrorCode } from '../errors';
import { log } from '../log';
import { errorMessage, fieldKeys, translate, translateFields } from './messages';

export const MAX_BODY_BYTES = 1024 * 1024;

/** The error answer of API.md: `{ error: { code, message, fields? }, ...extra }`. */
export function apiError(
	code: ErrorCode,
	options: {
		fields?: Record<string, string>;
		extra?: Record<string, unknown>;
		headers?: HeadersInit;
	} = {}
) {
	return json(
		{
			error: {
				code,
				// The specific reason's sentence when there is one ("reason_email_not_verified").
				message: errorMessage(code, undefined, options.extra?.reason),
				...(options.fields ? { fields: options.fields } : {})
			},
			...options.extra
		},
		{ status: errorStatus[code], headers: options.headers }
	);
}

export function toApiResponse(error: unknown): Response {
	if (error instanceof DomainError) {
		const { fields, extra, retryAfterSeconds } = error.details;
		return apiError(error.code, {
			fields: fields && translateFields(fields),
			extra,
			headers: retryAfterSeconds ? { 'retry-after': String(retryAfterSeconds) } : undefined
		});
	}
	log.error('unexpected error in an API call', { error });
	return json(
		{ error: { code: 'internal', message: translate('error_internal') } },
		{ status: 500 }
	);
}

/** Wraps an endpoint so that every domain error becomes the answer API.md describes. */
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
	return parseInput(schema, body);
}

/**
 * The path of the first string holding a NUL character, which PostgreSQL cannot store: refused
 * at every boundary (JSON, forms, query strings, sockets) before any schema or query sees it.
 */
export function nulPath(value: unknown, path: string[] = [], depth = 0): string | null {
	if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '_' : null;
	if (value === null || typeof value !== 'object' || depth > 20) return null;
	for (const [key, item] of Object.entries(value)) {
		const found = nulPath(item, [...path, key], depth + 1);
		if (found !== null) return found;
	}
	return null;
}

/** Parses input with a shared schema; failures become `invalid_input` with per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
	const nul = nulPath(input);
	if (nul !== null) throw new DomainError('invalid_input', { fields: { [nul]: 'v_invalid' } });
	const result = schema.safeParse(input);
	if (!result.success) {
		throw new DomainError('invalid_input', { fields: fieldKeys(result.error) });
	}
	return result.data;
}

export function requireUser(event: RequestEvent) {
	const user = event.locals.user;
	if (!user || !event.locals.session) throw new DomainError('unauthenticated');
	return { user, session: event.locals.session };
}
