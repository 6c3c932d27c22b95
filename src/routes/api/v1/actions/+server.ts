import { json } from '@sveltejs/kit';
import { createAction, getAction, listActions } from '$lib/server/actions/service';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, readQuery } from '$lib/server/http/context';
import { actionsQuerySchema, createActionSchema } from '$lib/shared/schemas/actions';

/** The actions the caller may see (signed out: public ones), soonest first. */
export const GET = endpoint(async (event) =>
	json(await listActions(await actorOf(event), readQuery(event.url, actionsQuerySchema)))
);

/** 201 `{ action }`, or 409 `possible_clash` with `clashes` (and `similar`), nothing saved. */
export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, createActionSchema);
	const actor = await actorOf(event);
	const { id } = await createAction(actor, input);
	return json({ action: await getAction(actor, id) }, { status: 201 });
});
