import { json } from '@sveltejs/kit';
import { endpoint, requireUser } from '$lib/server/http/api';

export const GET = endpoint(async (event) => {
	const { user } = requireUser(event);
	return json({ user });
});
