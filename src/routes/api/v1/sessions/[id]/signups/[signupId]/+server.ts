import { json } from '@sveltejs/kit';
import { markAttendance } from '$lib/server/actions/sessions';
import { endpoint, readJson } from '$lib/server/http/api';
import { actorOf, idParam } from '$lib/server/http/context';
import { attendanceSchema } from '$lib/shared/schemas/actions';

/** `{ attended }`: the organisers mark who came (true, false, or null to unmark). */
export const PATCH = endpoint(async (event) => {
	const { attended } = await readJson(event.request, attendanceSchema);
	await markAttendance(
		await actorOf(event),
		idParam(event.params.id),
		idParam(event.params.signupId),
		attended
	);
	return json({ attended });
});
