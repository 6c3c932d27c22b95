import { z } from 'zod';
import { markAttendance, sessionSheet } from '$lib/server/actions/sessions';
import { actorOf, idParam } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage, pageId } from '$lib/server/http/pages';
import { m } from '$lib/paraglide/messages';
import { idSchema } from '$lib/shared/schemas/common';
import type { Actions, PageServerLoad } from './$types';

/** A session's sign-up list, for the organisers: to check people in, and to print. */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () =>
		sessionSheet(await actorOf(event), pageId(event.params.id), pageId(event.params.sessionId))
	);

const attendanceForm = z.object({
	signupId: idSchema,
	attended: z.enum(['yes', 'no', 'unknown'], 'v_invalid')
});

export const actions: Actions = {
	attendance: async (event) => {
		const actor = await actorOf(event);
		return handleForm(event.request, attendanceForm, async ({ signupId, attended }) => {
			await markAttendance(
				actor,
				idParam(event.params.sessionId),
				signupId,
				attended === 'unknown' ? null : attended === 'yes',
				idParam(event.params.id)
			);
			return { success: m.attendance_saved() };
		});
	}
};
