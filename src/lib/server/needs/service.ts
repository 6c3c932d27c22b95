import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { authorize, refuse, verifiedIn, type Actor } from '../auth/actor';
import { now } from '../clock';
import { db } from '../db/client';
import { categories, needParts, needs, organisations, skills, territories } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { toPage, type Page } from '../pagination';
import { personKeyHash, recordPersonKeyLookup } from '../people/person-key';
import { contactsSeen, noteAccess, type AccessChannel } from '../privacy/access-log';
import { OWN_REQUEST, writeConsent } from '../privacy/for-needs';
import { endActiveClaims, expireClaimsOf } from './claims';
import { findDuplicates } from './duplicates';
import { historyOf, recordHistory } from './history';
import { canNeed, defaultClaimRule, postingRefusal } from './policy';
import { boardRows, urgencies, type BoardQuery } from './board-query';
import {
	liveRow,
	needSelection,
	needTarget,
	shapeNeed,
	type NeedRowWithNames,
	type NeedView
} from './views';
import type {
	CompleteNeedInput,
	CreateNeedInput,
	UpdateNeedInput
} from '$lib/shared/schemas/needs';

export type { NeedView } from './views';
export { visibleNeeds } from './queries';

/** The category and territory a need names must exist: a field message otherwise. */
export async function assertKnownPlaceAndCategory(categoryId: string, territoryId: string | null) {
	const [category] = await db
		.select({ id: categories.id })
		.from(categories)
		.where(eq(categories.id, categoryId));
	if (!category)
		throw new DomainError('invalid_input', { fields: { category: 'v_unknown_category' } });
	if (!territoryId) return;
	const [t] = await db
		.select({ id: territories.id })
		.from(territories)
		.where(eq(territories.id, territoryId));
	if (!t) throw new DomainError('invalid_input', { fields: { territoryId: 'v_invalid' } });
}

export function fromNeeds() {
	return db
		.select(needSelection)
		.from(needs)
		.leftJoin(territories, eq(territories.id, needs.territoryId))
		.leftJoin(organisations, eq(organisations.id, needs.organisationId));
}

/**
 * Posts a need: for oneself, or for an organisation by its operators and coordinators. Before
 * saving, open needs that read the same (same category and territory) are looked for: if there
 * are any, nothing is saved and they come back as `possible_duplicate` with the candidates,
 * unless the poster says to post anyway, which the history records. Answers the new need's id:
 * the form only redirects to it, and a caller that shows the need reads it (`getNeed`).
 */
export async function createNeed(
	actor: Actor | null,
	input: CreateNeedInput
): Promise<{ id: string }> {
	const refusal = postingRefusal(actor, input);
	if (refusal) refuse(actor, refusal === 'forbidden' ? undefined : refusal);
	authorize(actor, actor !== null);
	if (input.organisationId) {
		const [org] = await db
			.select({ status: organisations.status })
			.from(organisations)
			.where(eq(organisations.id, input.organisationId));
		if (org?.status === 'rejected')
			throw new DomainError('forbidden', { extra: { reason: 'organisation_rejected' } });
	}
	const claimRule = input.claimRule ?? defaultClaimRule(actor, input.organisationId);
	await assertKnownPlaceAndCategory(input.category, input.territoryId);
	const parts = input.parts?.length
		? input.parts
		: [{ title: input.title, capacity: input.capacity, requiredSkillId: null }];
	await assertKnownSkills(parts);
	const capacity = parts.reduce((sum, p) => sum + p.capacity, 0);
	const id = await db.transaction(async (tx) => {
		const candidates = await findDuplicates(tx, actor, input);
		if (candidates.length && !input.allowDuplicate)
			throw new DomainError('possible_duplicate', { extra: { candidates } });
		const [row] = await tx
			.insert(needs)
			.values({
				title: input.title,
				description: input.description,
				categoryId: input.category,
				urgency: input.urgency,
				territoryId: input.territoryId,
				organisationId: input.organisationId,
				visibility: input.visibility,
				claimRule,
				contact: input.contact,
				approxLocation: input.approxLocation,
				dueDate: input.dueDate,
				capacity,
				authorId: actor.id,
				personKeyHash: input.personKey ? personKeyHash(input.personKey) : null
			})
			.returning({ id: needs.id });
		if (input.personKey && input.organisationId)
			await recordPersonKeyLookup(tx, {
				actorId: actor.id,
				organisationId: input.organisationId,
				needId: row.id
			});
		await tx.insert(needParts).values(
			parts.map((p, position) => ({
				needId: row.id,
				title: p.title,
				capacity: p.capacity,
				requiredSkillId: p.requiredSkillId,
				position
			}))
		);
		await recordHistory(tx, row.id, actor.id, 'posted');
		// A resident consents by posting (the form says so); someone posting for another person
		// records the consent that person gave, or the contact stays with the organisation.
		const consent = input.organisationId
			? input.consent
			: {
					purpose: OWN_REQUEST,
					recipients: 'helpers' as const,
					givenBy: 'person' as const,
					note: ''
				};
		if (consent) await writeConsent(tx, row.id, consent, actor.id);
		if (candidates.length) {
			await recordHistory(tx, row.id, actor.id, 'posted_despite_duplicates', {
				candidates: candidates.map((c) => c.id)
			});
		}
		return row.id;
	});
	publish('need.created', { needId: id });
	return { id };
}

/** A part may require only a skill the administrators keep. */
async function assertKnownSkills(parts: { requiredSkillId: string | null }[]) {
	const wanted = [...new Set(parts.map((p) => p.requiredSkillId).filter((id) => id !== null))];
	if (!wanted.length) return;
	const known = new Set(
		(await db.select({ id: skills.id }).from(skills).where(inArray(skills.id, wanted))).map(
			(r) => r.id
		)
	);
	const fields: Record<string, string> = {};
	parts.forEach((p, i) => {
		if (p.requiredSkillId && !known.has(p.requiredSkillId))
			fields[`parts.${i}.requiredSkillId`] = 'v_invalid';
	});
	if (Object.keys(fields).length) throw new DomainError('invalid_input', { fields });
}

/**
 * The open needs of other organisations of the same category for the same person (its person
 * key). Who they are serves only to open a channel with them; people are told a count.
 */
async function needsFollowingSamePerson(need: {
	id: string;
	personKeyHash: string | null;
	categoryId: string;
	organisationId: string | null;
}): Promise<{ id: string; organisationId: string }[]> {
	if (!need.personKeyHash || !need.organisationId) return [];
	// Only verified organisations: a newcomer learns nothing about who follows whom.
	const rows = await db
		.select({ id: needs.id, organisationId: needs.organisationId })
		.from(needs)
		.innerJoin(organisations, eq(organisations.id, needs.organisationId))
		.where(
			and(
				eq(organisations.status, 'verified'),
				eq(needs.personKeyHash, need.personKeyHash),
				eq(needs.categoryId, need.categoryId),
				inArray(needs.status, ['open', 'in_progress']),
				ne(needs.organisationId, need.organisationId),
				ne(needs.id, need.id)
			)
		);
	return rows.map((r) => ({ id: r.id, organisationId: r.organisationId! }));
}

/** The other organisations following the same person (see `needsFollowingSamePerson`). */
export async function organisationsFollowingSamePerson(
	need: Parameters<typeof needsFollowingSamePerson>[0]
): Promise<string[]> {
	return [...new Set((await needsFollowingSamePerson(need)).map((n) => n.organisationId))];
}

/** The need as it stands now (see `liveRow`), if the actor may see it; `not_found` otherwise. */
async function loadVisible(actor: Actor, id: string) {
	const [stored] = await fromNeeds().where(eq(needs.id, id));
	if (!stored || !canNeed(actor, 'view', needTarget(stored.need)))
		throw new DomainError('not_found');
	return liveRow(stored);
}

/** For a read: a need the actor may see, and whether they hold a claim on it. Writes nothing. */
export async function seeNeed(actor: Actor, id: string) {
	const row = await loadVisible(actor, id);
	return { row, holds: row.activeClaims.some((c) => c.userId === actor.id) };
}

/** For a write: the same, once the claims past their end are written as ended. */
export async function loadForActor(actor: Actor, id: string) {
	await expireClaimsOf(id);
	return seeNeed(actor, id);
}

/**
 * How many other organisations follow the same person: for the need's verified organisation.
 * Learning it is seeing something of those organisations' person: each of their needs' access
 * logs records it.
 */
export async function personKeyMatches(
	actor: Actor,
	need: NeedRowWithNames['need'],
	via: AccessChannel
): Promise<number | undefined> {
	if (!need.personKeyHash || !verifiedIn(actor, need.organisationId)) return undefined;
	const matched = await needsFollowingSamePerson(need);
	await noteAccess(
		actor,
		matched.map((m) => ({
			what: 'person_key_match',
			needId: m.id,
			organisationId: need.organisationId
		})),
		via
	);
	return new Set(matched.map((m) => m.organisationId)).size;
}

/** A need the actor may see, or `not_found`: an organisation-only need does not exist for outsiders. */
export async function getNeed(
	actor: Actor | null,
	id: string,
	via: AccessChannel = 'api'
): Promise<NeedView> {
	authorize(actor, actor !== null);
	const row = await loadVisible(actor, id);
	const view = shapeNeed(actor, row);
	const matches = await personKeyMatches(actor, row.need, via);
	if (matches !== undefined) view.personKeyMatches = matches;
	await noteAccess(actor, contactsSeen(actor, [view]), via);
	return view;
}

/** The history of a need, for its author, organisation and helpers. */
export async function getNeedHistory(actor: Actor | null, id: string) {
	authorize(actor, actor !== null);
	const { row, holds } = await seeNeed(actor, id);
	if (!canNeed(actor, 'viewHistory', needTarget(row.need, holds)))
		throw new DomainError('forbidden');
	return historyOf(db, id);
}

/**
 * The board: needs the actor may see, filtered and searched, most urgent (or newest, or oldest)
 * first, in keyset pages. The API's list carries `contact` where the policy allows, and each one
 * seen is in the access log; a page's list (`summary`) never shows a contact, so it leaves it out.
 */
export async function listNeeds(
	actor: Actor | null,
	query: BoardQuery,
	shape: 'api' | 'summary' = 'api'
): Promise<Page<NeedView>> {
	authorize(actor, actor !== null);
	const rows = await boardRows(actor, query);
	const page = toPage(
		rows,
		query.limit,
		(r) => shapeNeed(actor, r),
		(r) => [String(urgencies.indexOf(r.need.urgency)), r.need.createdAt.toISOString(), r.need.id]
	);
	if (shape === 'summary') for (const need of page.items) delete need.contact;
	else await noteAccess(actor, contactsSeen(actor, page.items), 'api');
	return page;
}

/**
 * Authors and the organisation's coordinators edit a need; the history records what changed.
 * Answers nothing: the edit form goes back to the need's page, and the API reads the view itself.
 */
export async function updateNeed(
	actor: Actor | null,
	id: string,
	input: UpdateNeedInput
): Promise<void> {
	authorize(actor, actor !== null);
	const row = await loadVisible(actor, id);
	authorize(actor, canNeed(actor, 'edit', needTarget(row.need)));
	await assertKnownPlaceAndCategory(input.category, input.territoryId);
	const next = {
		title: input.title,
		description: input.description,
		categoryId: input.category,
		urgency: input.urgency,
		territoryId: input.territoryId,
		contact: input.contact,
		approxLocation: input.approxLocation,
		dueDate: input.dueDate
	};
	// Field names only: the history is read by helpers, and old contact details stay out of it.
	const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
		(k) => row.need[k] !== next[k]
	);
	if (changed.length) {
		await db.transaction(async (tx) => {
			await tx
				.update(needs)
				.set({ ...next, updatedAt: now() })
				.where(eq(needs.id, id));
			await recordHistory(tx, id, actor.id, 'edited', { fields: changed });
		});
		publish('need.updated', { needId: id });
	}
}

/**
 * Completes a need with its outcome: `done` fulfils it, any other outcome closes it, and every
 * active claim ends as completed. A duplicate is different: it points to the original, which
 * only the author or a coordinator may decide; its helpers' claims end as released (they did
 * not complete anything), and they and the author are invited to the original, whose history
 * records the duplicate too. Answers nothing (see `updateNeed`).
 */
export async function completeNeed(
	actor: Actor | null,
	id: string,
	input: CompleteNeedInput
): Promise<void> {
	authorize(actor, actor !== null);
	const { row, holds } = await loadForActor(actor, id);
	const target = needTarget(row.need, holds);
	authorize(actor, canNeed(actor, 'complete', target));
	if (row.need.status === 'fulfilled' || row.need.status === 'closed')
		throw new DomainError('conflict', { extra: { reason: 'need_closed' } });
	const duplicateOf = input.outcome === 'duplicate' ? input.duplicateOf : null;
	let original: Awaited<ReturnType<typeof loadVisible>> | undefined;
	if (duplicateOf) {
		authorize(actor, canNeed(actor, 'markDuplicate', target));
		if (duplicateOf === id)
			throw new DomainError('invalid_input', { fields: { duplicateOf: 'v_invalid' } });
		original = await loadVisible(actor, duplicateOf).catch(() => {
			throw new DomainError('invalid_input', { fields: { duplicateOf: 'v_invalid' } });
		});
		// People are invited there: it must still need help, and not be a duplicate itself.
		if (original.need.status !== 'open' && original.need.status !== 'in_progress')
			throw new DomainError('invalid_input', { fields: { duplicateOf: 'v_original_closed' } });
	}
	await db.transaction(async (tx) => {
		if (original) {
			// Both needs, in id order: two people marking each as the other's duplicate at once
			// wait for each other, and the second finds its original closed.
			const locked = await tx
				.select({ id: needs.id, status: needs.status })
				.from(needs)
				.where(inArray(needs.id, [id, original.need.id]))
				.orderBy(asc(needs.id))
				.for('no key update');
			const still = locked.find((n) => n.id === original!.need.id);
			if (still?.status !== 'open' && still?.status !== 'in_progress')
				throw new DomainError('invalid_input', { fields: { duplicateOf: 'v_original_closed' } });
		}
		const done = await tx
			.update(needs)
			.set({
				status: input.outcome === 'done' ? 'fulfilled' : 'closed',
				outcome: input.outcome,
				duplicateOfId: duplicateOf,
				updatedAt: now(),
				closedAt: now()
			})
			.where(and(eq(needs.id, id), sql`${needs.status} in ('open', 'in_progress')`))
			.returning({ id: needs.id });
		if (done.length === 0) throw new DomainError('conflict', { extra: { reason: 'need_closed' } });
		if (!original) {
			await endActiveClaims(tx, [id], 'completed', 'completed');
			await recordHistory(tx, id, actor.id, 'completed', {
				outcome: input.outcome,
				...(input.note ? { note: input.note } : {})
			});
			return;
		}
		await endActiveClaims(tx, [id], 'released', 'duplicate');
		// Ids, not titles: each history is read by its own need's circle, which may not see the other.
		await recordHistory(tx, id, actor.id, 'marked_duplicate', {
			originalId: original.need.id,
			...(input.note ? { note: input.note } : {})
		});
		await recordHistory(tx, original.need.id, actor.id, 'duplicate_attached', {
			duplicateId: id
		});
	});
	publish('need.updated', { needId: id });
	if (original) {
		const followers = [row.need.authorId, ...row.activeClaims.map((c) => c.userId)];
		publish('need.marked_duplicate', {
			needId: id,
			originalId: original.need.id,
			userIds: followers.filter((u): u is string => u !== null && u !== actor.id)
		});
	}
}
