import type { Actor, Role } from '../../src/lib/server/auth/actor';

/**
 * An actor as a policy sees it, for tests that build one by hand: a signed-in person with a
 * verified address, no organisation and no vouch unless given.
 */
export function testActor(
	id: string,
	options: {
		isAdmin?: boolean;
		name?: string;
		roles?: ReadonlyMap<string, Role>;
		verified?: Iterable<string>;
		emailVerified?: boolean;
		vouched?: boolean;
	} = {}
): Actor {
	return {
		id,
		isAdmin: options.isAdmin ?? false,
		name: options.name,
		roles: options.roles ?? new Map(),
		verifiedOrganisations: new Set(options.verified ?? []),
		emailVerified: options.emailVerified ?? true,
		vouched: options.vouched ?? false
	};
}
