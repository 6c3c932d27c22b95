import { inArray, sql } from 'drizzle-orm';
import { config } from '../config';
import { db, type Executor } from '../db/client';
import { memberships, organisations, users, vouches } from '../db/schema';
import { DomainError } from '../errors';
import type { PublicUser } from '$lib/shared/user';

export type Role = 'coordinator' | 'operator' | 'volunteer';
export type OrganisationStatus = 'pending' | 'verified' | 'rejected';

/**
 * Who is acting, as every policy sees it: the person, whether they administer the network,
 * their role in each organisation, and how far the network trusts them (docs/trust.md).
 * `null` is someone not signed in.
 */
export interface Actor {
	id: string;
	isAdmin: boolean;
	roles: ReadonlyMap<string, Role>;
	/** Those of their organisations that the network's administrators verified. */
	verifiedOrganisations: ReadonlySet<string>;
	/** Whether they proved their e-mail address (always, with EMAIL_VERIFICATION=off). */
	emailVerified: boolean;
	/** Vouched for by the administrators or by a verified organisation. */
	vouched: boolean;
	/** The person's name, when known (what they write is signed with it). */
	name?: string;
}

export interface Membership {
	organisationId: string;
	role: Role;
	status: OrganisationStatus;
}

/** What the session (or the actor's own query) reads about the person besides their account. */
export interface Standing {
	memberships: Membership[];
	vouched: boolean;
}

/** Whether e-mail verification is in force (it is, unless EMAIL_VERIFICATION=off). */
export const verificationRequired = () => config().emailVerification;

export function actorFrom(user: PublicUser, standing: Standing): Actor {
	const rows = standing.memberships;
	return {
		id: user.id,
		isAdmin: user.isAdmin,
		name: user.name,
		roles: new Map(rows.map((r) => [r.organisationId, r.role])),
		verifiedOrganisations: new Set(
			rows.filter((r) => r.status === 'verified').map((r) => r.organisationId)
		),
		emailVerified: user.emailVerified || !verificationRequired(),
		vouched: standing.vouched
	};
}

/**
 * The SQL of a person's standing, read with their session in one round trip: memberships with
 * their organisation's status, and whether an open vouch of the administrators or of a verified
 * organisation stands for them. `userId` is a column or a value.
 */
export function standingColumns(userId: unknown) {
	return {
		memberships: sql<
			Membership[]
		>`coalesce((select json_agg(json_build_object('organisationId', m.organisation_id, 'role', m.role, 'status', o.status)) from ${memberships} m join ${organisations} o on o.id = m.organisation_id where m.user_id = ${userId}), '[]'::json)`,
		vouched: sql<boolean>`exists (select 1 from ${vouches} v left join ${organisations} vo on vo.id = v.organisation_id where v.user_id = ${userId} and v.revoked_at is null and (v.organisation_id is null or vo.status = 'verified'))`
	};
}

export async function loadStanding(userId: string, tx: Executor = db): Promise<Standing> {
	const [row] = await tx.select(standingColumns(userId)).from(sql`(select 1) as one`);
	return { memberships: row.memberships, vouched: Boolean(row.vouched) };
}

/** Someone the system acts about (a requester, a helper), as the policies see them now. */
export async function actorById(userId: string, tx: Executor = db): Promise<Actor | null> {
	const [actor] = await actorsByIds([userId], tx);
	return actor ?? null;
}

/** Several people as the policies see them now, in one query (those who exist). */
export async function actorsByIds(userIds: string[], tx: Executor = db): Promise<Actor[]> {
	if (!userIds.length) return [];
	const rows = await tx
		// Qualified: in a select of one table drizzle leaves the column bare, and the subqueries
		// have their own ids.
		.select({ user: users, ...standingColumns(sql`${users}.id`) })
		.from(users)
		.where(inArray(users.id, userIds));
	return rows.map(({ user, memberships, vouched }) =>
		actorFrom(
			{
				id: user.id,
				email: user.email,
				name: user.name,
				locale: user.locale,
				isAdmin: user.isAdmin,
				emailVerified: user.emailVerifiedAt !== null
			},
			{ memberships, vouched: Boolean(vouched) }
		)
	);
}

export async function loadActor(user: PublicUser | null): Promise<Actor | null> {
	if (!user) return null;
	return actorFrom(user, await loadStanding(user.id));
}

export function roleIn(
	actor: Actor | null,
	organisationId: string | null | undefined
): Role | undefined {
	return organisationId ? actor?.roles.get(organisationId) : undefined;
}

/** A member of this organisation, and the organisation is verified. */
export function verifiedIn(actor: Actor | null, organisationId: string | null | undefined) {
	return !!organisationId && !!actor?.verifiedOrganisations.has(organisationId);
}

/**
 * A trusted helper: a member of a verified organisation, or vouched for by the administrators or
 * by a verified organisation; the network's administrators are trusted too.
 */
export function isTrusted(actor: Actor | null): boolean {
	if (!actor || !actor.emailVerified) return false;
	return actor.isAdmin || actor.vouched || actor.verifiedOrganisations.size > 0;
}

/** The answer to a refused action: 401 to someone not signed in, 403 to anyone else. */
export function refuse(actor: Actor | null, reason?: string): never {
	if (!actor) throw new DomainError('unauthenticated');
	throw new DomainError('forbidden', reason ? { extra: { reason } } : undefined);
}

/** Throws the right refusal unless `allowed`. */
export function authorize(
	actor: Actor | null,
	allowed: boolean,
	reason?: string
): asserts actor is Actor {
	if (!allowed || !actor) refuse(actor, reason);
}

/** Throws 403 `email_not_verified` for an account that has not proved its address yet. */
export function requireVerified(actor: Actor | null): asserts actor is Actor {
	authorize(actor, actor !== null);
	if (!actor.emailVerified) refuse(actor, 'email_not_verified');
}
