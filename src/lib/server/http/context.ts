import type { RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { loadActor, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { nulPath, parse } from '../input';
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

/** Filters of a page's query string: what does not parse (an edited URL) is simply not applied. */
export function filtersFrom<S extends z.ZodType>(url: URL, schema: S): Partial<z.infer<S>> {
	const query = Object.fromEntries(url.searchParams);
	if (nulPath(query) !== null) return {};
	const parsed = schema.safeParse(query);
	return parsed.success ? parsed.data : {};
}

/** The query string parsed by a shared schema (`invalid_input` with fields otherwise). */
export function readQuery<S extends z.ZodType>(url: URL, schema: S): z.infer<S> {
	const query: Record<string, string> = {};
	for (const [k, v] of url.searchParams) query[k] = v;
	return parse(schema, query);
}
