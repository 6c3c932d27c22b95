import { json } from '@sveltejs/kit';
import { signup } from '$lib/server/auth/service';
import { endpoint, readJson } from '$lib/server/http/api';
import { requestOrigin } from '$lib/server/http/request-origin';
import { signupSchema } from '$lib/shared/schemas/accounts';

export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, signupSchema);
	const { user, token, deviceToken } = await signup(input, requestOrigin(event));
	return json({ user, token, deviceToken }, { status: 201 });
});
