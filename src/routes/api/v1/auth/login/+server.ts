import { json } from '@sveltejs/kit';
import { login } from '$lib/server/auth/service';
import { endpoint, readJson } from '$lib/server/http/api';
import { requestOrigin } from '$lib/server/http/request-origin';
import { loginSchema } from '$lib/shared/schemas/accounts';

export const POST = endpoint(async (event) => {
	const input = await readJson(event.request, loginSchema);
	const { user, token, deviceToken } = await login(input, requestOrigin(event));
	return json({ user, token, deviceToken });
});
