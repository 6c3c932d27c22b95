import { json } from '@sveltejs/kit';
import { verifyEmail } from '$lib/server/auth/email-verification';
import { endpoint, readJson } from '$lib/server/http/api';
import { verifyEmailSchema } from '$lib/shared/schemas/accounts';

export const POST = endpoint(async (event) => {
	const { token } = await readJson(event.request, verifyEmailSchema);
	return json({ user: await verifyEmail(token) });
});
