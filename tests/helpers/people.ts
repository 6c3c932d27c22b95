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

/** An organisation made by `coordinator` and verified by the network's administrator. */
export async function verifiedOrganisation(
	call: ReturnType<typeof apiClient>,
	admin: Person,
	coordinator: Person,
	name: string
): Promise<string> {
	const org = await pendingOrganisation(call, coordinator, name);
	const res = await call('POST', `/api/v1/organisations/${org}/review`, {
		token: admin.token,
		body: { decision: 'verify' }
	});
	expect(res.status, JSON.stringify(res.json)).toBe(200);
	return org;
}

/** An organisation made by `coordinator`, still waiting for the administrators. */
export async function pendingOrganisation(
	call: ReturnType<typeof apiClient>,
	coordinator: Person,
	name: string
): Promise<string> {
	const res = await call('POST', '/api/v1/organisations', {
		token: coordinator.token,
		body: { name, kind: 'ngo' }
	});
	expect(res.status, JSON.stringify(res.json)).toBe(201);
	return res.json.organisation.id;
}

/** Adds `person` to an organisation with a role (its coordinator acting). */
export async function addToOrganisation(
	call: ReturnType<typeof apiClient>,
	coordinator: Person,
	organisationId: string,
	person: Person,
	role: 'coordinator' | 'operator' | 'volunteer'
) {
	const res = await call('POST', `/api/v1/organisations/${organisationId}/members`, {
		token: coordinator.token,
		body: { userId: person.id, role }
	});
	expect(res.status, JSON.stringify(res.json)).toBe(201);
}
