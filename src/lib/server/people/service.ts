import { asc, eq, inArray } from 'drizzle-orm';
import { authorize, type Actor } from '../auth/actor';
import { db } from '../db/client';
import { profiles, skills, territories, users } from '../db/schema';
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
	const values = {
		...input,
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

/**
 * A person as others see them. Contact details (e-mail, phone) appear only when the person
 * shares them, or for themselves.
 */
export async function viewPerson(actor: Actor | null, userId: string) {
	const [user] = await db
		.select({ id: users.id, name: users.name, email: users.email })
		.from(users)
		.where(eq(users.id, userId));
	if (!user) throw new DomainError('not_found');
	const profile = await profileRow(userId);
	authorize(actor, canPerson(actor, 'viewProfile', { userId, shareContact: profile.shareContact }));
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
	const contact = canPerson(actor, 'viewContact', { userId, shareContact: profile.shareContact })
		? { email: user.email, phone: profile.phone, preference: profile.contactPreference }
		: null;
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
