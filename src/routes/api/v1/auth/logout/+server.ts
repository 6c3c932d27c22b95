import { invalidateSession } from '$lib/server/auth/sessions';
import { endpoint, requireUser } from '$lib/server/http/api';
import { endBrowserSession } from '$lib/server/http/session-cookie';

export const POST = endpoint(async (event) => {
	const { session } = requireUser(event);
	await invalidateSession(session.id);
	if (event.locals.authVia === 'cookie') endBrowserSession(event.cookies);
	return new Response(null, { status: 204 });
});
