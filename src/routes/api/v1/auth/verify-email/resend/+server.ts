import { json } from '@sveltejs/kit';
import { resendVerification } from '$lib/server/auth/email-verification';
import { endpoint } from '$lib/server/http/api';
import { actorOf } from '$lib/server/http/context';

export const POST = endpoint(async (event) => {
	await resendVerification(await actorOf(event));
	return json({ sent: true }, { status: 202 });
});
