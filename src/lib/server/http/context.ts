import type { RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { loadActor, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { unstorablePath, parse } from '../input';
import { isId } from '$lib/shared/schemas/common';

const actors = new WeakMap<object, Promise<Actor | null>>();

/** What the request's session already told about the person (see `validateSessionToken`). */
export function knowActor(locals: App.Locals, actor: Actor) {
	actors.set(locals, Promise.resolve(actor));
}

/** The acting person of a request with their roles, loaded once per request. */
export function actorOf(event: Pick<RequestEvent, 'locals'>): Promise<Actor | null> {
	let actor = actors.get(event.locals);
	if (!actor) actors.set(event.locals, (actor = loadActor(event.locals.user)));
	return actor;
}

/** An id from the path: anything that is not one of ours is simply not found. */
export function idParam(value: string | undefined): string {
	if (!value || !isId(value)) throw new DomainError('not_found');
	return value.toLowerCase();
}

/**
 * Filters of a page's query string, field by field: an empty value (a form's "any") is no
 * filter, and a value that does not parse (an edited URL) counts as absent, its field alone: the
 * others still apply. Absent fields take the schema's default, if it has one.
 */
export function filtersFrom<S extends z.ZodObject>(url: URL, schema: S): Partial<z.infer<S>> {
	const applied: Record<string, unknown> = {};
	for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
		const value = url.searchParams.get(key) ?? undefined;
		const given = value === undefined || unstorablePath(value) !== null ? undefined : value;
		let parsed = field.safeParse(given);
		if (!parsed.success && given !== undefined) parsed = field.safeParse(undefined);
		if (parsed.success && parsed.data !== undefined) applied[key] = parsed.data;
	}
	return applied as Partial<z.infer<S>>;
}

/** The query string parsed by a shared schema (`invalid_input` with fields otherwise). */
export function readQuery<S extends z.ZodType>(url: URL, schema: S): z.infer<S> {
	const query: Record<string, string> = {};
	for (const [k, v] of url.searchParams) query[k] = v;
	return parse(schema, query);
}
