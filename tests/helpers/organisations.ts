import type { Actor, Role } from '../../src/lib/server/auth/actor';
import { db } from '../../src/lib/server/db/client';
import { memberships, organisations } from '../../src/lib/server/db/schema';
import { testActor } from './actors';
import { signedUpActor } from './outcomes';

/** `n` people signed up in-process. In sequence (argon2 is the slow part); what they do then races. */
export async function people(n: number, name: string): Promise<Actor[]> {
	const list: Actor[] = [];
	for (let i = 0; i < n; i++) list.push(await signedUpActor(`${name}${i}`));
	return list;
}

/**
 * An organisation (verified unless said) with these people in these roles, straight in the
 * database; `as` gives the actor of one of them with that role (as a session would load it).
 */
export async function organisation(
	members: [Actor, Role][],
	status: 'verified' | 'pending' = 'verified'
) {
	const [org] = await db
		.insert(organisations)
		.values({ name: `Org ${crypto.randomUUID().slice(0, 8)}`, kind: 'ngo', status })
		.returning({ id: organisations.id, name: organisations.name });
	if (members.length)
		await db
			.insert(memberships)
			.values(members.map(([a, role]) => ({ organisationId: org.id, userId: a.id, role })));
	const as = (a: Actor, role: Role) =>
		testActor(a.id, {
			name: a.name,
			roles: new Map([[org.id, role]]),
			verified: status === 'verified' ? [org.id] : []
		});
	return { id: org.id, name: org.name, status, as };
}
