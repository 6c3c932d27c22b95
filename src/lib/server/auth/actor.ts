import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { memberships } from '../db/schema';
import { DomainError } from '../errors';
import type { PublicUser } from '$lib/shared/user';

export type Role = 'coordinator' | 'operator' | 'volunteer';

/**
 * Who is acting, as every policy sees it: the person, whether they administer the network, and
 * their role in each organisation. `null` is someone not signed in.
 */
export interface Actor {
	id: string;
	isAdmin: boolean;
	roles: ReadonlyMap<string, Role>;
	/** The person's name, when known (what they write is signed with it). */
	name?: string;
}

export interface Membership {
	organisationId: string;
	role: Role;
}

export function actorFrom(user: PublicUser, rows: Membership[]): Actor {
	return {
		id: user.id,
		isAdmin: user.isAdmin,
		name: user.name,
		roles: new Map(rows.map((r) => [r.organisationId, r.role]))
	};
}

export async function loadActor(user: PublicUser | null): Promise<Actor | null> {
	if (!user) return null;
	const rows = await db
		.select({ organisationId: memberships.organisationId, role: memberships.role })
		.from(memberships)
		.where(eq(memberships.userId, user.id));
	return actorFrom(user, rows);
}

export function roleIn(
	actor: Actor | null,
	organisationId: string | null | undefined
): Role | undefined {
	return organisationId ? actor?.roles.get(organisationId) : undefined;
}

/** The answer to a refused action: 401 to someone not signed in, 403 to anyone else. */
export function refuse(actor: Actor | null): never {
	throw new DomainError(actor ? 'forbidden' : 'unauthenticated');
}

/** Throws the right refusal unless `allowed`. */
export function authorize(actor: Actor | null, allowed: boolean): asserts actor is Actor {
	if (!allowed || !actor) refuse(actor);
}
