import { expect } from 'vitest';
import { goodPassword, uniqueEmail, type apiClient } from './server';

export interface Person {
	id: string;
	email: string;
	token: string;
	isAdmin: boolean;
}

/** Signs someone up through the API (the first one on a fresh server is its administrator). */
export async function signUpPerson(
	call: ReturnType<typeof apiClient>,
	name: string,
	email = uniqueEmail(name.toLowerCase().replace(/\W/g, ''))
): Promise<Person> {
	const res = await call('POST', '/api/v1/auth/signup', {
		body: { email, password: goodPassword, name }
	});
	expect(res.status, JSON.stringify(res.json)).toBe(201);
	return { id: res.json.user.id, email, token: res.json.token, isAdmin: res.json.user.isAdmin };
}
