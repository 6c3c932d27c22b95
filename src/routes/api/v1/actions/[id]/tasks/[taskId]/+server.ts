import { json } from '@sveltejs/kit';
import { updateTask } from '$lib/server/actions/work';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { updateTaskSchema } from '$lib/shared/schemas/actions';

/** `{ done?, assigneeId? }`: ticked by anyone taking part, given to someone by the staff. */
export const PATCH = endpoint(async (event) => {
	const input = await readJson(event.request, updateTaskSchema);
	const task = await updateTask(
		await actorOf(event),
		idParam(event.params.id),
		idParam(event.params.taskId),
		input
	);
	return json({ task });
});
