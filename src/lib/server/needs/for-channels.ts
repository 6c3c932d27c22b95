import { eq, sql, type SQL } from 'drizzle-orm';
import { authorize, refuse, roleIn, verifiedIn, type Actor } from '../auth/actor';
import { db } from '../db/client';
import { categories, claims, memberships, needs, organisations } from '../db/schema';
import { DomainError } from '../errors';
import { canNeed } from './policy';
import { organisationsFollowingSamePerson } from './service';

// What the channels capability asks of needs: it reads no table of needs and no rule of theirs,
// only these answers. Needs import nothing of channels.

/** What a need's channel is made from: its name comes from the title, its organisation's people belong. */
export interface NeedForChannel {
	id: string;
	title: string;
	organisationId: string | null;
}

const needForChannel = { id: needs.id, title: needs.title, organisationId: needs.organisationId };

/** The need a channel is about (a helper's first claim opens it), if it exists. */
export async function needOfChannel(needId: string): Promise<NeedForChannel | undefined> {
	const [need] = await db.select(needForChannel).from(needs).where(eq(needs.id, needId));
	return need;
}

/**
 * The need whose channel the actor opens: its organisation, its author and its current helpers
 * may (`canNeed`'s `openChannel`, the rule the need's page shows the button by); anyone else is
 * told it does not exist (`not_found`).
 */
export async function needChannelOpenedBy(actor: Actor, needId: string): Promise<NeedForChannel> {
	const [need] = await db
		.select({
			...needForChannel,
			authorId: needs.authorId,
			visibility: needs.visibility,
			claimRule: needs.claimRule,
			// Spelled out: in a query of one table drizzle leaves columns unqualified, and the
			// subquery's own "id" would shadow the need's.
			helping: sql<boolean>`exists (select 1 from ${claims} k where k.need_id = "needs"."id" and k.user_id = ${actor.id} and k.status = 'active')`
		})
		.from(needs)
		.where(eq(needs.id, needId));
	if (!need || !canNeed(actor, 'openChannel', { ...need, actorHoldsClaim: Boolean(need.helping) }))
		throw new DomainError('not_found');
	return { id: need.id, title: need.title, organisationId: need.organisationId };
}

/**
 * The SQL form of "the need gives this person a place in its channel": its author, a member of
 * its organisation, or someone with an active claim on it. `needId` and `userId` are columns of
 * the caller's query, so that a channel drops its former helpers in one statement.
 */
export function belongsToNeed(needId: SQL, userId: SQL): SQL {
	return sql`exists (select 1 from ${needs} n where n.id = ${needId} and (
		n.author_id = ${userId}
		or exists (select 1 from ${claims} k where k.need_id = n.id and k.user_id = ${userId} and k.status = 'active')
		or exists (select 1 from ${memberships} m where m.organisation_id = n.organisation_id and m.user_id = ${userId})))`;
}

/** A person an organisation follows through a need, and the other organisations that follow them. */
export interface PersonFollowedTogether {
	/** The need's organisation, for which the actor speaks. */
	organisationId: string;
	organisationName: string;
	categoryIt: string;
	categoryEn: string;
	/** The same for every need of this person and category, never the person key itself. */
	followKey: string;
	/** The other verified organisations with an open need of the same category for the person. */
	others: string[];
}

/**
 * The person a need follows by their person key, for its organisation's coordinators and
 * operators once the network verified it: the ones who may talk with the other organisations
 * that follow the same person. Anyone outside the organisation: `not_found`. When `asking` for
 * the person to be handed over, an unverified organisation and having nobody to ask are said
 * first (the request's own answers).
 */
export async function personFollowedTogether(
	actor: Actor,
	needId: string,
	options: { asking?: boolean } = {}
): Promise<PersonFollowedTogether> {
	const [need] = await db
		.select({
			id: needs.id,
			organisationId: needs.organisationId,
			organisationName: organisations.name,
			visibility: needs.visibility,
			authorId: needs.authorId,
			claimRule: needs.claimRule,
			personKeyHash: needs.personKeyHash,
			categoryId: needs.categoryId,
			categoryIt: categories.labelIt,
			categoryEn: categories.labelEn
		})
		.from(needs)
		.innerJoin(organisations, eq(organisations.id, needs.organisationId))
		.innerJoin(categories, eq(categories.id, needs.categoryId))
		.where(eq(needs.id, needId));
	const role = roleIn(actor, need?.organisationId);
	if (!need || !role) throw new DomainError('not_found');
	let others: string[] | undefined;
	if (options.asking) {
		if (!verifiedIn(actor, need.organisationId)) refuse(actor, 'organisation_not_verified');
		others = await organisationsFollowingSamePerson(need);
		// Nobody else follows the person: there is no one to ask (and no channel to open).
		if (need.personKeyHash && !others.length)
			throw new DomainError('conflict', { extra: { reason: 'no_person_key_matches' } });
	}
	authorize(actor, role === 'coordinator' || role === 'operator');
	authorize(actor, canNeed(actor, 'personKeyChannel', need), 'organisation_not_verified');
	if (!need.personKeyHash)
		throw new DomainError('conflict', { extra: { reason: 'no_person_key' } });
	others ??= await organisationsFollowingSamePerson(need);
	return {
		organisationId: need.organisationId!,
		organisationName: need.organisationName,
		categoryIt: need.categoryIt,
		categoryEn: need.categoryEn,
		followKey: `${need.personKeyHash}:${need.categoryId}`,
		others
	};
}
