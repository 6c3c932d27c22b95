import { asc, eq, inArray, sql } from 'drizzle-orm';
import { noteAccess, type AccessChannel } from '../privacy/access-log';
import { authorize, type Actor } from '../auth/actor';
import { now } from '../clock';
import { db } from '../db/client';
import {
	channelMembers,
	channels,
	claims,
	invitations,
	joinRequests,
	memberships,
	needs,
	profiles,
	skills,
	territories,
	users
} from '../db/schema';
import { DomainError } from '../errors';
import { canPerson } from './policy';
import type { UpdateProfileInput } from '$lib/shared/schemas/people';

type ProfileRow = typeof profiles.$inferSelect;

const emptyProfile = (userId: string): ProfileRow => ({
	userId,
	homeTerritoryId: null,
	languages: [],
	skillIds: [],
	otherSkills: '',
	availability: {},
	contactPreference: 'app',
	phone: '',
	shareContact: false,
	hiddenFromSuggestions: false,
	updatedAt: new Date(0)
});

async function profileRow(userId: string): Promise<ProfileRow> {
	const [row] = await db.select().from(profiles).where(eq(profiles.userId, userId));
	return row ?? emptyProfile(userId);
}

/** One's own profile, for the profile form. */
export async function getOwnProfile(actor: Actor | null) {
	authorize(actor, actor !== null);
	return profileRow(actor.id);
}

export async function updateOwnProfile(actor: Actor | null, input: UpdateProfileInput) {
	authorize(
		actor,
		canPerson(actor, 'editProfile', { userId: actor?.id ?? '', shareContact: false })
	);
	if (input.homeTerritoryId) {
		const [t] = await db
			.select({ id: territories.id })
			.from(territories)
			.where(eq(territories.id, input.homeTerritoryId));
		if (!t) throw new DomainError('invalid_input', { fields: { homeTerritoryId: 'v_invalid' } });
	}
	if (input.skillIds.length) {
		const known = await db
			.select({ id: skills.id })
			.from(skills)
			.where(inArray(skills.id, input.skillIds));
		if (known.length !== new Set(input.skillIds).size)
			throw new DomainError('invalid_input', { fields: { skillIds: 'v_invalid' } });
	}
	const { hideFromSuggestions, ...fields } = input;
	const values = {
		...fields,
		hiddenFromSuggestions: hideFromSuggestions,
		skillIds: [...new Set(input.skillIds)],
		languages: [...new Set(input.languages)],
		updatedAt: new Date()
	};
	await db
		.insert(profiles)
		.values({ userId: actor.id, ...values })
		.onConflictDoUpdate({ target: profiles.userId, set: values });
	return profileRow(actor.id);
}

/** Whether `userId` belongs to a need's circle: its author, its organisation's people, its helpers. */
const inCircle = (userId: string) =>
	sql`(n.author_id = ${userId}
		or exists (select 1 from ${memberships} cm where cm.organisation_id = n.organisation_id and cm.user_id = ${userId})
		or exists (select 1 from ${claims} cc where cc.need_id = n.id and cc.user_id = ${userId} and cc.status = 'active'))`;

/**
 * Whether `viewerId` has a reason to know `personId`, in one query: they are members of one
 * organisation, or of one channel (by name or through its organisation), or in the circle of
 * one need; or the viewer coordinates an organisation the person asks to join or is invited to.
 * Each branch starts from the viewer's own rows, so it reads a handful of rows, not the network.
 */
export async function reasonToKnow(viewerId: string, personId: string): Promise<boolean> {
	const at = now();
	const [row] = await db
		.select({
			known: sql<boolean>`(
			exists (select 1 from ${memberships} a join ${memberships} b on b.organisation_id = a.organisation_id
				where a.user_id = ${viewerId} and b.user_id = ${personId})
			or exists (select 1 from (
					select channel_id as id from ${channelMembers} where user_id = ${viewerId}
					union select c.id from ${channels} c join ${memberships} vm on vm.organisation_id = c.organisation_id
						where vm.user_id = ${viewerId}
				) mine join ${channels} c on c.id = mine.id
				where exists (select 1 from ${channelMembers} pm where pm.channel_id = c.id and pm.user_id = ${personId})
					or exists (select 1 from ${memberships} po where po.organisation_id = c.organisation_id and po.user_id = ${personId}))
			or exists (select 1 from ${needs} n where n.id in (
					select id from ${needs} where author_id = ${viewerId}
					union select vn.id from ${needs} vn join ${memberships} vm on vm.organisation_id = vn.organisation_id
						where vm.user_id = ${viewerId}
					union select need_id from ${claims} where user_id = ${viewerId} and status = 'active'
				) and ${inCircle(personId)})
			or exists (select 1 from ${joinRequests} j join ${memberships} co
					on co.organisation_id = j.organisation_id and co.role = 'coordinator'
				where co.user_id = ${viewerId} and j.user_id = ${personId} and j.status = 'pending')
			or exists (select 1 from ${invitations} i join ${memberships} co
					on co.organisation_id = i.organisation_id and co.role = 'coordinator'
					join ${users} u on lower(u.email) = lower(i.email)
				where co.user_id = ${viewerId} and u.id = ${personId}
					and i.accepted_at is null and i.revoked_at is null and i.expires_at > ${at.toISOString()}::timestamptz)
		)`
		})
		.from(sql`(select 1) as one`);
	return Boolean(row?.known);
}

/**
 * A person as others see them: only by those with a reason to know them (else 403, whether or
 * not the id exists, so that ids cannot be probed). Contact details (e-mail, phone) appear
 * only when the person shares them, or for themselves.
 */
export async function viewPerson(actor: Actor | null, userId: string, via: AccessChannel = 'api') {
	authorize(actor, actor !== null);
	const hasReason =
		actor.id === userId || actor.isAdmin ? true : await reasonToKnow(actor.id, userId);
	authorize(
		actor,
		canPerson(actor, 'viewProfile', { userId, shareContact: false, hasReason }),
		'no_reason_to_know'
	);
	const [user] = await db
		.select({ id: users.id, name: users.name, email: users.email })
		.from(users)
		.where(eq(users.id, userId));
	if (!user) throw new DomainError('not_found');
	const profile = await profileRow(userId);
	const [home] = profile.homeTerritoryId
		? await db
				.select({ id: territories.id, name: territories.name })
				.from(territories)
				.where(eq(territories.id, profile.homeTerritoryId))
		: [];
	const skillRows = profile.skillIds.length
		? await db
				.select({ id: skills.id, name: skills.name })
				.from(skills)
				.where(inArray(skills.id, profile.skillIds))
				.orderBy(asc(skills.name))
		: [];
	const contact = canPerson(actor, 'viewContact', {
		userId,
		shareContact: profile.shareContact,
		hasReason
	})
		? { email: user.email, phone: profile.phone, preference: profile.contactPreference }
		: null;
	if (contact && actor.id !== userId)
		await noteAccess(actor, [{ what: 'profile_contact', subjectUserId: userId }], via);
	return {
		id: user.id,
		name: user.name,
		homeTerritory: home ?? null,
		languages: profile.languages,
		skills: skillRows,
		otherSkills: profile.otherSkills,
		availability: profile.availability,
		contact
	};
}
