import { asc, count, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { authorize, type Actor } from '../auth/actor';
import { cached, forget } from '../cache';
import { db } from '../db/client';
import { isForeignKeyViolation, isUniqueViolation } from '../db/errors';
import { categories, categorySkills, outbox, skills, targetGroups, users } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { recordAudit } from './audit';
import { canAdminister } from './policy';

export function listSkills() {
	return db.select({ id: skills.id, name: skills.name }).from(skills).orderBy(asc(skills.name));
}

export async function addSkill(actor: Actor | null, name: string) {
	authorize(actor, canAdminister(actor, 'manageSkills'));
	try {
		return await db.transaction(async (tx) => {
			const [row] = await tx
				.insert(skills)
				.values({ name })
				.returning({ id: skills.id, name: skills.name });
			await recordAudit(tx, {
				actorId: actor.id,
				action: 'skill.added',
				subjectType: 'skill',
				subjectId: row.id,
				details: { name }
			});
			return row;
		});
	} catch (error) {
		if (isUniqueViolation(error))
			throw new DomainError('conflict', { fields: { name: 'v_name_taken' } });
		throw error;
	}
}

export async function removeSkill(actor: Actor | null, id: string) {
	authorize(actor, canAdminister(actor, 'manageSkills'));
	await db.transaction(async (tx) => {
		const [row] = await tx.delete(skills).where(eq(skills.id, id)).returning();
		if (!row) throw new DomainError('not_found');
		// Profiles keep ids of skills; a removed one simply stops showing.
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'skill.removed',
			subjectType: 'skill',
			subjectId: id,
			details: { name: row.name }
		});
	});
}

export function listCategories() {
	return cached('categories', () => loadCategories());
}

async function loadCategories() {
	return db
		.select({
			id: categories.id,
			labelIt: categories.labelIt,
			labelEn: categories.labelEn,
			claimHours: categories.claimHours
		})
		.from(categories)
		.orderBy(asc(categories.createdAt), asc(categories.id));
}

export async function saveCategory(
	actor: Actor | null,
	input: { id: string; labelIt: string; labelEn: string; claimHours: number }
) {
	authorize(actor, canAdminister(actor, 'manageCategories'));
	forget('categories');
	await db.transaction(async (tx) => {
		await tx
			.insert(categories)
			.values(input)
			.onConflictDoUpdate({
				target: categories.id,
				set: { labelIt: input.labelIt, labelEn: input.labelEn, claimHours: input.claimHours }
			});
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'category.saved',
			subjectType: 'category',
			subjectId: input.id,
			details: { labelIt: input.labelIt, labelEn: input.labelEn, claimHours: input.claimHours }
		});
	});
}

export async function removeCategory(actor: Actor | null, id: string) {
	authorize(actor, canAdminister(actor, 'manageCategories'));
	forget('categories');
	try {
		await db.transaction(async (tx) => {
			const [row] = await tx.delete(categories).where(eq(categories.id, id)).returning();
			if (!row) throw new DomainError('not_found');
			await recordAudit(tx, {
				actorId: actor.id,
				action: 'category.removed',
				subjectType: 'category',
				subjectId: id,
				// The row is gone: the log keeps its names to tell what was removed.
				details: { labelIt: row.labelIt, labelEn: row.labelEn }
			});
		});
	} catch (error) {
		if (isForeignKeyViolation(error))
			throw new DomainError('conflict', { extra: { reason: 'category_in_use' } });
		throw error;
	}
}

/** Who actions are for (elderly people, families…): administrators keep the list. */
export async function saveTargetGroup(
	actor: Actor | null,
	input: { id: string; labelIt: string; labelEn: string }
) {
	authorize(actor, canAdminister(actor, 'manageCategories'));
	await db.transaction(async (tx) => {
		await tx
			.insert(targetGroups)
			.values(input)
			.onConflictDoUpdate({
				target: targetGroups.id,
				set: { labelIt: input.labelIt, labelEn: input.labelEn }
			});
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'target_group.saved',
			subjectType: 'target_group',
			subjectId: input.id,
			details: { labelIt: input.labelIt, labelEn: input.labelEn }
		});
	});
}

/** A group no action is for any more can go; one still in use is refused (`target_group_in_use`). */
export async function removeTargetGroup(actor: Actor | null, id: string) {
	authorize(actor, canAdminister(actor, 'manageCategories'));
	try {
		await db.transaction(async (tx) => {
			const [row] = await tx.delete(targetGroups).where(eq(targetGroups.id, id)).returning();
			if (!row) throw new DomainError('not_found');
			await recordAudit(tx, {
				actorId: actor.id,
				action: 'target_group.removed',
				subjectType: 'target_group',
				subjectId: id,
				details: { labelIt: row.labelIt, labelEn: row.labelEn }
			});
		});
	} catch (error) {
		if (isForeignKeyViolation(error))
			throw new DomainError('conflict', { extra: { reason: 'target_group_in_use' } });
		throw error;
	}
}

/** Which skills each category calls for (matching weighs them), by category. */
export async function listCategorySkills(): Promise<Record<string, string[]>> {
	const rows = await db.select().from(categorySkills);
	const out: Record<string, string[]> = {};
	for (const r of rows) (out[r.categoryId] ??= []).push(r.skillId);
	return out;
}

/** Sets the skills a category calls for, all at once (an empty list: none), in the audit log. */
export async function setCategorySkills(
	actor: Actor | null,
	categoryId: string,
	skillIds: string[]
) {
	authorize(actor, canAdminister(actor, 'manageCategories'));
	const wanted = [...new Set(skillIds)];
	await db.transaction(async (tx) => {
		const [category] = await tx
			.select({ id: categories.id })
			.from(categories)
			.where(eq(categories.id, categoryId))
			.for('update');
		if (!category) throw new DomainError('not_found');
		const known = wanted.length
			? await tx
					.select({ id: skills.id, name: skills.name })
					.from(skills)
					.where(inArray(skills.id, wanted))
			: [];
		if (known.length !== wanted.length)
			throw new DomainError('invalid_input', { fields: { skillIds: 'v_invalid' } });
		await tx.delete(categorySkills).where(eq(categorySkills.categoryId, categoryId));
		if (wanted.length)
			await tx.insert(categorySkills).values(wanted.map((skillId) => ({ categoryId, skillId })));
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'category.skills_set',
			subjectType: 'category',
			subjectId: categoryId,
			details: { skills: known.map((k) => k.name) }
		});
	});
}

/** People, for the administrators' page: search by name or e-mail. */
export async function findPeople(actor: Actor | null, q: string) {
	authorize(actor, canAdminister(actor, 'manageAdministrators'));
	const pattern = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
	return db
		.select({ id: users.id, name: users.name, email: users.email, isAdmin: users.isAdmin })
		.from(users)
		.where(
			q ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : eq(users.isAdmin, true)
		)
		.orderBy(asc(users.name))
		.limit(50);
}

/** Makes someone a network administrator, or not; the network always keeps at least one. */
export async function setAdministrator(actor: Actor | null, userId: string, isAdmin: boolean) {
	authorize(actor, canAdminister(actor, 'manageAdministrators'));
	await db.transaction(async (tx) => {
		// Serialise changes to the set of administrators so two cannot demote each other at once.
		await tx.execute(sql`select pg_advisory_xact_lock(72616575)`);
		if (!isAdmin) {
			const [{ n }] = await tx.select({ n: count() }).from(users).where(eq(users.isAdmin, true));
			const [target] = await tx
				.select({ isAdmin: users.isAdmin })
				.from(users)
				.where(eq(users.id, userId));
			if (target?.isAdmin && n <= 1)
				throw new DomainError('conflict', { extra: { reason: 'last_administrator' } });
		}
		const [row] = await tx
			.update(users)
			.set({ isAdmin })
			.where(eq(users.id, userId))
			.returning({ id: users.id });
		if (!row) throw new DomainError('not_found');
		await recordAudit(tx, {
			actorId: actor.id,
			action: isAdmin ? 'administrator.granted' : 'administrator.revoked',
			subjectType: 'user',
			subjectId: userId
		});
	});
	publish('user.updated', { userId });
}

/** Mails kept when no SMTP server is configured, newest first. */
export async function listOutbox(actor: Actor | null) {
	authorize(actor, canAdminister(actor, 'viewOutbox'));
	return db
		.select()
		.from(outbox)
		.orderBy(sql`${outbox.createdAt} desc`)
		.limit(100);
}
