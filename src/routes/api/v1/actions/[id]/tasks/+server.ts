import { json } from '@sveltejs/kit';
import { addTask, listTasks } from '$lib/server/actions/work';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { createTaskSchema } from '$lib/shared/schemas/actions';

/** The shared checklist, for those taking part. */
export const GET = endpoint(async (event) =>
	json({ items: await listTasks(await actorOf(event), idParam(event.params.id)) })
);

export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, createTaskSchema);
	const task = await addTask(await actorOf(event), idParam(event.params.id), input);
	return json({ task }, { status: 201 });
});
