import { redirect } from '@sveltejs/kit';
import { invalidateSession } from '$lib/server/auth/sessions';
import { endBrowserSession } from '$lib/server/http/session-cookie';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, cookies }) => {
	if (locals.session) await invalidateSession(locals.session.id);
	endBrowserSession(cookies);
	redirect(303, '/');
};
