import { and, asc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { authorize, requireVerified, roleIn, type Actor } from '../auth/actor';
import { recordAudit } from '../administration/audit';
import { db, type Executor } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { memberships, organisations, organisationTerritories, territories } from '../db/schema';
import { DomainError } from '../errors';
import { publish } from '../events/bus';
import { cursorId, decodeCursor, toPage, type Page } from '../pagination';
import { aboveTerritory, withinTerritory } from '../territories/service';
import { canOrganisation } from './policy';
import { nameSkeleton } from '$lib/shared/name-skeleton';
import type { CreateOrganisationInput, DirectoryQuery } from '$lib/shared/schemas/orgs';
import type { OrganisationView } from '$lib/shared/views/orgs';

export type { OrganisationView };

type OrganisationRow = typeof organisations.$inferSelect;

async function territoriesOf(tx: Executor, ids: string[]) {
	if (ids.length === 0) return new Map<string, { id: string; name: string }[]>();
	const rows = await tx
		.select({
			organisationId: organisationTerritories.organisationId,
			id: territories.id,
			name: territories.name
		})
		.from(organisationTerritories)
		.innerJoin(territories, eq(territories.id, organisationTerritories.territoryId))
		.where(inArray(organisationTerritories.organisationId, ids))
		.orderBy(asc(territories.name));
	const map = new Map<string, { id: string; name: string }[]>();
	for (const r of rows)
		map.set(r.organisationId, [...(map.get(r.organisationId) ?? []), { id: r.id, name: r.name }]);
	return map;
}

function toView(
	actor: Actor | null,
	row: OrganisationRow,
	served: { id: string; name: string }[]
): OrganisationView {
	const myRole = roleIn(actor, row.id) ?? null;
	return {
		id: row.id,
		name: row.name,
		kind: row.kind,
		status: row.status,
		verified: row.status === 'verified',
		description: row.description,
		contactEmail: row.contactEmail,
		contactPhone: row.contactPhone,
		website: row.website,
		territories: served,
		createdAt: row.createdAt.toISOString(),
		myRole,
		...(myRole || actor?.isAdmin ? { rejectionReason: row.rejectionReason } : {})
	};
}

/** The organisation row if the actor may see it; `not_found` otherwise (nothing is revealed). */
export async function findVisibleOrganisation(actor: Actor | null, id: string, tx: Executor = db) {
	const [row] = await tx.select().from(organisations).where(eq(organisations.id, id));
	if (!row || !canOrganisation(actor, 'view', row)) throw new DomainError('not_found');
	return row;
}

async function setTerritories(tx: Executor, organisationId: string, territoryIds: string[]) {
	await tx
		.delete(organisationTerritories)
		.where(eq(organisationTerritories.organisationId, organisationId));
	if (territoryIds.length === 0) return;
	const known = await tx
		.select({ id: territories.id })
		.from(territories)
		.where(inArray(territories.id, territoryIds));
	if (known.length !== new Set(territoryIds).size) {
		throw new DomainError('invalid_input', { fields: { territoryIds: 'v_invalid' } });
	}
	await tx
		.insert(organisationTerritories)
		.values([...new Set(territoryIds)].map((territoryId) => ({ organisationId, territoryId })));
}

/**
 * Refuses a name that looks like another organisation's (see `nameSkeleton`): a newcomer must
 * not pass for a known organisation in mails, channels and handovers. The same name in another
 * case is "taken"; one that only looks alike is "looks taken". Within the transaction that
 * writes the name, so the unique index still settles two exact names sent at once.
 */
async function refuseLookAlikeName(tx: Executor, name: string, self?: string) {
	const skeleton = nameSkeleton(name);
	const others = await tx
		.select({ name: organisations.name })
		.from(organisations)
		.where(self ? ne(organisations.id, self) : undefined);
	const alike = others.find((o) => nameSkeleton(o.name) === skeleton);
	if (!alike) return;
	const same = alike.name.trim().toLowerCase() === name.trim().toLowerCase();
	throw new DomainError('conflict', {
		fields: { name: same ? 'v_name_taken' : 'v_name_looks_taken' }
	});
}

/** Anyone signed in creates an organisation; it starts pending, with its creator as coordinator. */
export async function createOrganisation(
	actor: Actor | null,
	input: CreateOrganisationInput
): Promise<OrganisationView> {
	authorize(actor, canOrganisation(actor, 'create'));
	requireVerified(actor);
	const { territoryIds, ...fields } = input;
	try {
		const row = await db.transaction(async (tx) => {
			await refuseLookAlikeName(tx, fields.name);
			const [org] = await tx
				.insert(organisations)
				.values({ ...fields, createdBy: actor.id })
				.returning();
			await tx
				.insert(memberships)
				.values({ organisationId: org.id, userId: actor.id, role: 'coordinator' });
			await setTerritories(tx, org.id, territoryIds);
			return org;
		});
		publish('membership.changed', { organisationId: row.id, userId: actor.id });
		const withRole: Actor = { ...actor, roles: new Map([...actor.roles, [row.id, 'coordinator']]) };
		return toView(withRole, row, (await territoriesOf(db, [row.id])).get(row.id) ?? []);
	} catch (error) {
		if (isUniqueViolation(error))
			throw new DomainError('conflict', { fields: { name: 'v_name_taken' } });
		throw error;
	}
}

export async function getOrganisation(actor: Actor | null, id: string): Promise<OrganisationView> {
	const row = await findVisibleOrganisation(actor, id);
	return toView(actor, row, (await territoriesOf(db, [id])).get(id) ?? []);
}

export async function updateOrganisation(
	actor: Actor | null,
	id: string,
	input: CreateOrganisationInput
) {
	const current = await findVisibleOrganisation(actor, id);
	authorize(actor, canOrganisation(actor, 'edit', current));
	const { territoryIds, ...fields } = input;
	try {
		await db.transaction(async (tx) => {
			await refuseLookAlikeName(tx, fields.name, id);
			await tx.update(organisations).set(fields).where(eq(organisations.id, id));
			await setTerritories(tx, id, territoryIds);
		});
	} catch (error) {
		if (isUniqueViolation(error))
			throw new DomainError('conflict', { fields: { name: 'v_name_taken' } });
		throw error;
	}
	return getOrganisation(actor, id);
}

/** A network administrator verifies an organisation, or rejects it with a reason. */
export async function reviewOrganisation(
	actor: Actor | null,
	id: string,
	input: { decision: 'verify' | 'reject'; reason: string }
) {
	const current = await findVisibleOrganisation(actor, id);
	authorize(actor, canOrganisation(actor, 'review', current));
	const status = input.decision === 'verify' ? 'verified' : 'rejected';
	await db.transaction(async (tx) => {
		await tx
			.update(organisations)
			.set({
				status,
				rejectionReason: status === 'rejected' ? input.reason : null,
				reviewedBy: actor.id,
				reviewedAt: sql`now()`
			})
			.where(eq(organisations.id, id));
		await recordAudit(tx, {
			actorId: actor.id,
			action: status === 'verified' ? 'organisation.verified' : 'organisation.rejected',
			subjectType: 'organisation',
			subjectId: id,
			details: { name: current.name, ...(input.reason ? { reason: input.reason } : {}) }
		});
	});
	publish('organisation.reviewed', { organisationId: id, status });
	return getOrganisation(actor, id);
}

/**
 * The directory: every organisation that is not rejected (its members and administrators also
 * see a rejected one they belong to), filtered by kind, by name and by territory. A territory
 * filter finds those serving it, a place inside it, or a wider area that contains it.
 */
export async function listOrganisations(
	actor: Actor | null,
	query: DirectoryQuery & { limit: number; cursor?: string; status?: OrganisationRow['status'] }
): Promise<Page<OrganisationView>> {
	const conditions: SQL[] = [];
	const mine = actor ? [...actor.roles.keys()] : [];
	if (query.status) conditions.push(eq(organisations.status, query.status));
	if (!actor?.isAdmin) {
		const visible = mine.length
			? or(ne(organisations.status, 'rejected'), inArray(organisations.id, mine))
			: ne(organisations.status, 'rejected');
		conditions.push(visible!);
	}
	if (query.kind) conditions.push(eq(organisations.kind, query.kind));
	if (query.q)
		conditions.push(ilike(organisations.name, `%${query.q.replace(/[%_\\]/g, '\\$&')}%`));
	if (query.territoryId) {
		const served = or(
			withinTerritory(organisationTerritories.territoryId, query.territoryId),
			aboveTerritory(organisationTerritories.territoryId, query.territoryId)
		);
		conditions.push(
			sql`${organisations.id} in (select ${organisationTerritories.organisationId} from ${organisationTerritories} where ${served})`
		);
	}
	// Alphabetical pages: the cursor is the last name and id.
	const after = decodeCursor(query.cursor, 2);
	if (after) {
		const [name, id] = [after[0], cursorId(after[1])];
		conditions.push(
			sql`(lower(${organisations.name}), ${organisations.id}) > (lower(${name}), ${id}::uuid)`
		);
	}
	const rows = await db
		.select()
		.from(organisations)
		.where(and(...conditions))
		.orderBy(sql`lower(${organisations.name})`, asc(organisations.id))
		.limit(query.limit + 1);
	const served = await territoriesOf(
		db,
		rows.slice(0, query.limit).map((r) => r.id)
	);
	return toPage(
		rows,
		query.limit,
		(r) => toView(actor, r, served.get(r.id) ?? []),
		(r) => [r.name, r.id]
	);
}

/** The organisations whose work a person does (operator or coordinator), from the actor alone. */
export function workplaces(actor: Actor | null): string[] {
	if (!actor) return [];
	return [...actor.roles].filter(([, role]) => role !== 'volunteer').map(([id]) => id);
}

/** The organisations a person belongs to, with their role in each. */
export async function myOrganisations(actor: Actor | null): Promise<OrganisationView[]> {
	authorize(actor, actor !== null);
	const ids = [...actor.roles.keys()];
	if (ids.length === 0) return [];
	const rows = await db
		.select()
		.from(organisations)
		.where(inArray(organisations.id, ids))
		.orderBy(sql`lower(${organisations.name})`);
	const served = await territoriesOf(db, ids);
	return rows.map((r) => toView(actor, r, served.get(r.id) ?? []));
}

/** How many organisations are pending, verified and rejected: the network's set-up checklist. */
export async function organisationCounts(
	actor: Actor | null
): Promise<Record<OrganisationRow['status'], number>> {
	authorize(actor, canOrganisation(actor, 'review'));
	const rows = await db
		.select({ status: organisations.status, n: sql<number>`count(*)::int` })
		.from(organisations)
		.groupBy(organisations.status);
	const counts = { pending: 0, verified: 0, rejected: 0 };
	for (const row of rows) counts[row.status] = Number(row.n);
	return counts;
}
