import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { authorize, requireVerified, verifiedIn, type Actor } from '../auth/actor';
import { currentDatabase, db, type Executor } from '../db/client';
import {
	channelMembers,
	channelOrganisations,
	channelReads,
	channels,
	memberships,
	organisations,
	territories,
	users
} from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import {
	belongsToNeed,
	needChannelOpenedBy,
	needOfChannel,
	personFollowedTogether,
	type NeedForChannel,
	type PersonFollowedTogether
} from '../needs/for-channels';
import { coordinatorsByOrganisation, coordinatorsOf } from '../orgs/members';
import { refuseIfBlockedBy } from '../people/blocks';
import { peopleByEmail } from './people';
import { canChannel, channelCan, type ChannelTarget } from './policy';
import type { ChannelView } from './views';
import type { ChannelMemberView } from '$lib/shared/views/channels';
import type { CreateChannelInput } from '$lib/shared/schemas/channels';

type ChannelRow = typeof channels.$inferSelect;

/**
 * The SQL form of "this person is a member of the channel": by name, or through the channel's
 * organisation, as the database says now. Every membership check (list, load, socket events,
 * search) is this one expression.
 */
export function memberOf(userId: string): SQL {
	return sql`(exists (select 1 from ${channelMembers} where ${channelMembers.channelId} = ${channels.id} and ${channelMembers.userId} = ${userId}) or exists (select 1 from ${memberships} where ${memberships.organisationId} = ${channels.organisationId} and ${memberships.userId} = ${userId}))`;
}

/**
 * A channel the actor may read (or join), with the policy's view of it. Anything else does not
 * exist for them: `not_found`, never a hint that it is there. Membership is read from the
 * database at this moment (by name or through the organisation), never from a cached role.
 * `lock` takes the channel row's lock: sends are numbered under it.
 */
export async function loadChannel(
	tx: Executor,
	actor: Actor,
	id: string,
	options: { lock?: boolean } = {}
) {
	const query = tx
		.select({
			channel: channels,
			isMember: sql<boolean>`${memberOf(actor.id)}`,
			fromSeq: sql<number>`coalesce((select ${channelMembers.fromSeq} from ${channelMembers} where ${channelMembers.channelId} = ${channels.id} and ${channelMembers.userId} = ${actor.id}), 0)`
		})
		.from(channels)
		.where(eq(channels.id, id));
	const [found] = options.lock ? await query.for('update', { of: channels }) : await query;
	if (!found) throw new DomainError('not_found');
	const row = found.channel;
	const orgs =
		row.kind === 'joint'
			? await tx
					.select({ id: channelOrganisations.organisationId })
					.from(channelOrganisations)
					.where(eq(channelOrganisations.channelId, row.id))
			: [];
	const target: ChannelTarget = {
		kind: row.kind,
		organisationId: row.organisationId,
		organisationIds: orgs.map((o) => o.id),
		createdBy: row.createdBy,
		isMember: Boolean(found.isMember)
	};
	if (!target.isMember && !canChannel(actor, 'join', target)) throw new DomainError('not_found');
	// Messages up to here were written before the person (or their organisation) joined.
	return { row, target, fromSeq: Number(found.fromSeq ?? 0) };
}

/** Each organisation's own channel exists once one of its members looks for it. */
async function ensureOrganisationChannels(actor: Actor) {
	const orgs = [...actor.roles.keys()];
	if (!orgs.length) return;
	await db.execute(sql`
		insert into ${channels} (kind, name, organisation_id)
		select 'organisation', ${organisations.name}, ${organisations.id} from ${organisations}
		where ${inArray(organisations.id, orgs)} and ${organisations.status} <> 'rejected'
		on conflict do nothing`);
}

const unreadOf = sql<number>`greatest(${channels.lastSeq} - coalesce(${channelReads.lastReadSeq}, 0), 0)`;

/** A direct channel is named after the other person, as each side sees it. */
const otherPersonName = (actor: Actor) =>
	sql<
		string | null
	>`(select ${users.name} from ${channelMembers} join ${users} on ${users.id} = ${channelMembers.userId} where ${channelMembers.channelId} = ${channels.id} and ${channelMembers.userId} <> ${actor.id} limit 1)`;

function toView(
	actor: Actor,
	row: ChannelRow,
	extra: { unread: number; lastReadSeq: number | null; otherName: string | null },
	target: ChannelTarget
): ChannelView {
	const isMember = target.isMember;
	return {
		id: row.id,
		kind: row.kind,
		name: row.kind === 'direct' ? (extra.otherName ?? row.name) : row.name,
		organisationId: row.organisationId,
		needId: row.needId,
		territoryId: row.territoryId,
		lastSeq: row.lastSeq,
		unread: isMember ? Number(extra.unread) : 0,
		lastReadSeq: extra.lastReadSeq ?? 0,
		lastMessageAt: row.lastMessageAt?.toISOString() ?? null,
		createdAt: row.createdAt.toISOString(),
		isMember,
		can: channelCan(actor, target)
	};
}

function selectChannels(actor: Actor) {
	return db
		.select({
			channel: channels,
			unread: unreadOf,
			lastReadSeq: channelReads.lastReadSeq,
			otherName: otherPersonName(actor)
		})
		.from(channels)
		.leftJoin(
			channelReads,
			and(eq(channelReads.channelId, channels.id), eq(channelReads.userId, actor.id))
		);
}

/** The channels the actor belongs to, most recently active first, with unread counts. */
export async function listChannels(actor: Actor | null): Promise<ChannelView[]> {
	authorize(actor, actor !== null);
	await ensureOrganisationChannels(actor);
	const rows = await selectChannels(actor)
		.where(memberOf(actor.id))
		.orderBy(
			desc(sql`coalesce(${channels.lastMessageAt}, ${channels.createdAt})`),
			desc(channels.id)
		)
		.limit(500);
	return rows.map((r) =>
		toView(actor, r.channel, r, {
			kind: r.channel.kind,
			organisationId: r.channel.organisationId,
			// A list shows no invite button: the joint channel's organisations matter only there.
			organisationIds: [],
			createdBy: r.channel.createdBy,
			isMember: true
		})
	);
}

export async function getChannel(actor: Actor | null, id: string): Promise<ChannelView> {
	authorize(actor, actor !== null);
	const { target } = await loadChannel(db, actor, id);
	return channelView(actor, id, target);
}

/** The view of a channel `loadChannel` let the actor into: with their unread count and marker. */
export async function channelView(
	actor: Actor,
	id: string,
	target: ChannelTarget
): Promise<ChannelView> {
	const [row] = await selectChannels(actor).where(eq(channels.id, id));
	return toView(actor, row.channel, row, target);
}

/** Members of a channel, by name and through its organisation, for those who belong to it. */
export async function listMembers(actor: Actor | null, id: string) {
	authorize(actor, actor !== null);
	const { row, target } = await loadChannel(db, actor, id);
	authorize(actor, canChannel(actor, 'read', target));
	return membersOf(row);
}

/** Everyone in a channel, by name, as its list of members shows them. */
export async function membersOf(channel: { id: string; organisationId: string | null }) {
	return (await channelPeople(db, channel)).sort((a, b) => a.name.localeCompare(b.name));
}

/** Everyone in a channel: by name, and the members of its organisation (`byName: false`). */
export async function channelPeople(
	tx: Executor,
	channel: { id: string; organisationId: string | null }
): Promise<ChannelMemberView[]> {
	const [named, viaOrg] = await Promise.all([
		tx
			.select({ id: users.id, name: users.name })
			.from(channelMembers)
			.innerJoin(users, eq(users.id, channelMembers.userId))
			.where(eq(channelMembers.channelId, channel.id)),
		channel.organisationId
			? tx
					.select({ id: users.id, name: users.name })
					.from(memberships)
					.innerJoin(users, eq(users.id, memberships.userId))
					.where(eq(memberships.organisationId, channel.organisationId))
			: Promise.resolve([])
	]);
	const all = new Map<string, { id: string; name: string; byName: boolean }>();
	for (const p of viaOrg) all.set(p.id, { ...p, byName: false });
	for (const p of named) all.set(p.id, { ...p, byName: true });
	return [...all.values()];
}

/** The organisations a person belongs to now (whom a coordinator may add or moderate). */
export async function organisationsOf(tx: Executor, userId: string) {
	const rows = await tx
		.select({ id: memberships.organisationId })
		.from(memberships)
		.where(eq(memberships.userId, userId));
	return rows.map((r) => r.id);
}

async function assertPeopleExist(tx: Executor, ids: string[]) {
	if (!ids.length) return;
	const found = await tx.select({ id: users.id }).from(users).where(inArray(users.id, ids));
	if (found.length !== new Set(ids).size)
		throw new DomainError('invalid_input', { fields: { members: 'v_unknown_person' } });
}

/** Creates a group, a joint channel between organisations, or a direct conversation. */
export async function createChannel(
	actor: Actor | null,
	input: CreateChannelInput
): Promise<ChannelView> {
	requireVerified(actor);
	const others = [...new Set(input.members)].filter((id) => id !== actor.id);
	const invited: string[] = [];
	const id = await db.transaction(async (tx) => {
		await assertPeopleExist(tx, others);
		await refuseIfBlockedBy(tx, actor.id, others);
		if (input.kind === 'direct') {
			if (!others.length)
				throw new DomainError('invalid_input', { fields: { members: 'v_direct_one_person' } });
			const key = [actor.id, others[0]].sort().join(':');
			const [created] = await tx
				.insert(channels)
				.values({ kind: 'direct', directKey: key, createdBy: actor.id })
				.onConflictDoNothing()
				.returning({ id: channels.id });
			if (!created) {
				const [existing] = await tx
					.select({ id: channels.id })
					.from(channels)
					.where(eq(channels.directKey, key));
				return existing.id;
			}
			await tx.insert(channelMembers).values(
				[actor.id, others[0]].map((userId) => ({
					channelId: created.id,
					userId,
					addedBy: actor.id
				}))
			);
			return created.id;
		}
		let organisationIds: string[] = [];
		if (input.kind === 'joint') {
			organisationIds = [...new Set(input.organisationIds)];
			// The creator speaks for the first organisation; the others are invited to take part.
			authorize(actor, actor.roles.get(organisationIds[0]) === 'coordinator');
			// Organisations talk to each other about people only once the network verified them.
			authorize(actor, verifiedIn(actor, organisationIds[0]), 'organisation_not_verified');
			const found = await tx
				.select({ id: organisations.id })
				.from(organisations)
				.where(
					and(inArray(organisations.id, organisationIds), eq(organisations.status, 'verified'))
				);
			if (found.length !== organisationIds.length)
				throw new DomainError('invalid_input', { fields: { organisationIds: 'v_invalid' } });
		}
		const [channel] = await tx
			.insert(channels)
			.values({ kind: input.kind, name: input.name, createdBy: actor.id })
			.returning({ id: channels.id });
		if (organisationIds.length)
			await tx
				.insert(channelOrganisations)
				.values(
					organisationIds.map((organisationId) => ({ channelId: channel.id, organisationId }))
				);
		// In a joint channel the creator brings only people of their own organisation.
		const allowed =
			input.kind === 'joint' && others.length
				? (
						await tx
							.select({ userId: memberships.userId })
							.from(memberships)
							.where(
								and(
									eq(memberships.organisationId, organisationIds[0]),
									inArray(memberships.userId, others)
								)
							)
					).map((r) => r.userId)
				: others;
		if (allowed.length !== others.length)
			throw new DomainError('invalid_input', { fields: { members: 'v_not_your_organisation' } });
		// A joint channel starts with the coordinators of its organisations: each then brings in
		// their own people.
		const coordinators = await coordinatorsOf(organisationIds, tx);
		const everyone = [...new Set([actor.id, ...others, ...coordinators])];
		await tx
			.insert(channelMembers)
			.values(everyone.map((userId) => ({ channelId: channel.id, userId, addedBy: actor.id })));
		invited.push(...everyone.filter((id) => id !== actor.id));
		return channel.id;
	});
	for (const userId of new Set([...others, ...invited]))
		publish('channel.joined', { channelId: id, userId });
	if (input.kind === 'group')
		for (const userId of others)
			publish('person.added', { userId, addedBy: actor.id, channelId: id });
	return getChannel(actor, id);
}

/** Adds someone to a channel, as the policy allows the actor (see `canChannel`). */
export async function addMember(actor: Actor | null, channelId: string, userId: string) {
	authorize(actor, actor !== null);
	const toldOfIt = await db.transaction(async (tx) => {
		const { target } = await loadChannel(tx, actor, channelId);
		const [person] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
		if (!person) throw new DomainError('invalid_input', { fields: { userId: 'v_unknown_person' } });
		const subject = { id: userId, organisationIds: await organisationsOf(tx, userId) };
		authorize(actor, canChannel(actor, 'addMember', target, subject));
		await refuseIfBlockedBy(tx, actor.id, [userId]);
		// In a joint channel one reads from when one's organisation joined it.
		const [start] =
			target.kind === 'joint' && subject.organisationIds.length
				? await tx
						.select({ fromSeq: sql<number>`min(${channelOrganisations.fromSeq})`.mapWith(Number) })
						.from(channelOrganisations)
						.where(
							and(
								eq(channelOrganisations.channelId, channelId),
								inArray(channelOrganisations.organisationId, subject.organisationIds)
							)
						)
				: [];
		const added = await tx
			.insert(channelMembers)
			.values({ channelId, userId, addedBy: actor.id, fromSeq: start?.fromSeq ?? 0 })
			.onConflictDoNothing()
			.returning({ userId: channelMembers.userId });
		return added.length > 0 && target.kind === 'group';
	});
	publish('channel.joined', { channelId, userId });
	if (toldOfIt) publish('person.added', { userId, addedBy: actor.id, channelId });
}

/** Adds someone by their e-mail address (the channel page's form). */
export async function addMemberByEmail(actor: Actor | null, channelId: string, email: string) {
	authorize(actor, actor !== null);
	const [personId] = await peopleByEmail(actor, email, 'email');
	await addMember(actor, channelId, personId);
}

/**
 * Removes someone (or oneself: leaving). Their open sockets leave the channel at once, so they
 * stop receiving its messages immediately.
 */
export async function removeMember(actor: Actor | null, channelId: string, userId: string) {
	authorize(actor, actor !== null);
	await db.transaction(async (tx) => {
		const { target } = await loadChannel(tx, actor, channelId);
		const subject = { id: userId, organisationIds: await organisationsOf(tx, userId) };
		const allowed =
			userId === actor.id
				? canChannel(actor, 'leave', target)
				: canChannel(actor, 'removeMember', target, subject);
		authorize(actor, allowed);
		const gone = await tx
			.delete(channelMembers)
			.where(and(eq(channelMembers.channelId, channelId), eq(channelMembers.userId, userId)))
			.returning({ userId: channelMembers.userId });
		if (!gone.length) throw new DomainError('not_found');
	});
	publish('channel.left', { channelId, userId });
}

/** Opting in to a territory's channel (made on first use). */
export async function joinTerritoryChannel(actor: Actor | null, territoryId: string) {
	requireVerified(actor);
	const [place] = await db
		.select({ id: territories.id, name: territories.name })
		.from(territories)
		.where(eq(territories.id, territoryId));
	if (!place) throw new DomainError('not_found');
	const channelId = await ensureChannel(
		db,
		{ kind: 'territory', name: place.name, territoryId },
		eq(channels.territoryId, territoryId)
	);
	await db
		.insert(channelMembers)
		.values({ channelId, userId: actor.id, addedBy: actor.id })
		.onConflictDoNothing();
	publish('channel.joined', { channelId, userId: actor.id });
	return channelId;
}

/**
 * The channel of a need: its organisation's members belong to it; its helpers join on their
 * first claim; its author joins when they open it. Anyone else is refused (`not_found`).
 */
export async function openNeedChannel(actor: Actor | null, needId: string): Promise<string> {
	authorize(actor, actor !== null);
	const need = await needChannelOpenedBy(actor, needId);
	const inOrganisation = need.organisationId !== null && actor.roles.has(need.organisationId);
	const channelId = await ensureNeedChannel(db, need);
	if (!inOrganisation) {
		await db
			.insert(channelMembers)
			.values({ channelId, userId: actor.id, addedBy: actor.id })
			.onConflictDoNothing();
	}
	return channelId;
}

function ensureNeedChannel(tx: Executor, need: NeedForChannel) {
	return ensureChannel(
		tx,
		{
			kind: 'need',
			name: need.title.slice(0, 80),
			needId: need.id,
			organisationId: need.organisationId
		},
		eq(channels.needId, need.id)
	);
}

/** The channel a unique column names, made on first use (two first uses at once make one). */
async function ensureChannel(
	tx: Executor,
	values: typeof channels.$inferInsert,
	existing: SQL
): Promise<string> {
	await tx.insert(channels).values(values).onConflictDoNothing();
	const [channel] = await tx.select({ id: channels.id }).from(channels).where(existing);
	return channel.id;
}

/** A helper's first claim makes the need's channel (if it is not there yet) and brings them in. */
export async function addHelperToNeedChannel(needId: string, userId: string) {
	const need = await needOfChannel(needId);
	if (!need) return;
	const channelId = await ensureNeedChannel(db, need);
	const added = await db
		.insert(channelMembers)
		.values({ channelId, userId, addedBy: userId })
		.onConflictDoNothing()
		.returning({ userId: channelMembers.userId });
	if (added.length) publish('channel.joined', { channelId, userId });
}

/**
 * Access follows its reason: helpers joined a need's channel by claiming it (added by
 * themselves), and leave it when their claim ends, unless they belong there otherwise (its
 * author, its organisation's people, a current helper, or someone invited by name).
 */
export async function dropFormerHelpers(needId: string) {
	const gone = await db.execute(sql`
		delete from ${channelMembers} cm using ${channels} c
		where c.id = cm.channel_id and c.need_id = ${needId}
			and cm.added_by = cm.user_id
			and not ${belongsToNeed(sql`c.need_id`, sql`cm.user_id`)}
		returning cm.channel_id, cm.user_id`);
	for (const row of currentDatabase().rows<{ channel_id: string; user_id: string }>(gone))
		publish('channel.left', { channelId: row.channel_id, userId: row.user_id });
}

/** Channels of an organisation whose membership the person may have just lost or gained. */
export async function channelsOfOrganisation(organisationId: string) {
	const rows = await db
		.select({ id: channels.id })
		.from(channels)
		.where(eq(channels.organisationId, organisationId));
	return rows.map((r) => r.id);
}

/** Whether a person belongs to a channel now (sockets ask before each live event they send). */
export async function isMember(userId: string, channelId: string): Promise<boolean> {
	const [row] = await db
		.select({ id: channels.id })
		.from(channels)
		.where(and(eq(channels.id, channelId), memberOf(userId)));
	return row !== undefined;
}

export async function lastSeqOf(channelId: string): Promise<number> {
	const [row] = await db
		.select({ lastSeq: channels.lastSeq })
		.from(channels)
		.where(eq(channels.id, channelId));
	return row?.lastSeq ?? 0;
}

/**
 * A joint channel for the organisations that follow the same person (the same person key) in
 * one category: the need's organisation and the others with an open need for that key. Its
 * name says only the category; the other organisations learn nothing of each other's records.
 * One channel per person and category: later organisations are added to it.
 */
export async function openPersonKeyChannel(actor: Actor | null, needId: string): Promise<string> {
	authorize(actor, actor !== null);
	return openFollowedTogetherChannel(actor, await personFollowedTogether(actor, needId));
}

/** The joint channel of a person followed together (checked by `personFollowedTogether`). */
export async function openFollowedTogetherChannel(
	actor: Actor,
	person: PersonFollowedTogether
): Promise<string> {
	const organisationIds = [person.organisationId, ...person.others];
	const key = `person:${person.followKey}`;
	const channelId = await db.transaction(async (tx) => {
		const id = await ensureChannel(
			tx,
			{ kind: 'joint', name: `${person.categoryIt} · persona seguita insieme`, directKey: key },
			eq(channels.directKey, key)
		);
		// Under the channel's lock, as sends are numbered: an organisation that joins now reads
		// from the next message on, never what the others wrote before it came.
		const [{ lastSeq }] = await tx
			.select({ lastSeq: channels.lastSeq })
			.from(channels)
			.where(eq(channels.id, id))
			.for('update');
		await tx
			.insert(channelOrganisations)
			.values(
				organisationIds.map((organisationId) => ({
					channelId: id,
					organisationId,
					fromSeq: lastSeq
				}))
			)
			.onConflictDoNothing();
		const starts = await tx
			.select({
				organisationId: channelOrganisations.organisationId,
				fromSeq: channelOrganisations.fromSeq
			})
			.from(channelOrganisations)
			.where(eq(channelOrganisations.channelId, id));
		const startOf = new Map(starts.map((r) => [r.organisationId, r.fromSeq]));
		// Only verified organisations' coordinators, and the asker, each from their organisation's start.
		const people = [
			{ userId: actor.id, fromSeq: startOf.get(person.organisationId) ?? lastSeq },
			...(await coordinatorsByOrganisation(organisationIds, tx)).map((c) => ({
				userId: c.userId,
				fromSeq: startOf.get(c.organisationId) ?? lastSeq
			}))
		];
		const seen = new Set<string>();
		await tx
			.insert(channelMembers)
			.values(
				people
					.filter((p) => !seen.has(p.userId) && seen.add(p.userId))
					.map((p) => ({ channelId: id, userId: p.userId, fromSeq: p.fromSeq, addedBy: actor.id }))
			)
			.onConflictDoNothing();
		return id;
	});
	return channelId;
}
