import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import type { Actor } from '../auth/actor';
import { actorOf } from './context';
import { handleForm } from './forms';
import { pageId } from './pages';

/** What a form of a page about one thing (`[id]` in its path) does, with who and on what. */
type Run<S extends z.ZodType, R> = (
	actor: Actor | null,
	id: string,
	input: z.infer<S>,
	event: RequestEvent
) => Promise<R>;

/**
 * A form action of an `[id]` page: the fields parsed by `schema`, then `run`, whose sentence is
 * the success message. The answer names the form, so a page with several shows it at the right one.
 */
export function pageForm<S extends z.ZodType>(form: string, schema: S, run: Run<S, string>) {
	return async (event: RequestEvent) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		return handleForm(
			event.request,
			schema,
			async (input) => ({ form, success: await run(actor, id, input, event) }),
			{ form }
		);
	};
}

/** Like `pageForm`, for a form that leads elsewhere: `run` answers the path to go to. */
export function pageFormThenGo<S extends z.ZodType>(form: string, schema: S, run: Run<S, string>) {
	return async (event: RequestEvent) => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		const result = await handleForm(
			event.request,
			schema,
			async (input) => ({ goTo: await run(actor, id, input, event) }),
			{ form }
		);
		if ('goTo' in result) redirect(303, result.goTo);
		return result;
	};
}
