import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { authorize, type Actor } from '../auth/actor';
import { cached, forget } from '../cache';
import { db } from '../db/client';
import { isForeignKeyViolation, isUniqueViolation } from '../db/errors';
import { territories } from '../db/schema';
import { DomainError } from '../errors';
import { recordAudit } from '../administration/audit';
import { canTerritory } from './policy';

export interface Territory {
	id: string;
	parentId: string | null;
	name: string;
	depth: number;
}

/** Every territory, parents before children (ordered by path), for trees and pickers. */
export function listTerritories(): Promise<Territory[]> {
	return cached('territories', loadTerritories);
}

async function loadTerritories(): Promise<Territory[]> {
	const rows = await db
		.select({
			id: territories.id,
			parentId: territories.parentId,
			name: territories.name,
			depth: territories.depth,
			path: territories.path
		})
		.from(territories)
		.orderBy(asc(territories.path));
	// Siblings by name, not by id: sort within each parent while keeping parents first.
	const byParent = new Map<string | null, typeof rows>();
	for (const r of rows) byParent.set(r.parentId, [...(byParent.get(r.parentId) ?? []), r]);
	const ordered: Territory[] = [];
	const walk = (parent: string | null) => {
		for (const r of (byParent.get(parent) ?? []).sort((a, b) =>
			a.name.localeCompare(b.name, 'it')
		)) {
			ordered.push({ id: r.id, parentId: r.parentId, name: r.name, depth: r.depth });
			walk(r.id);
		}
	};
	walk(null);
	return ordered;
}

/**
 * `column` is the territory or one under it: a prefix match on the indexed path. The cheap
 * query every territory-scoped list (needs, campaigns, consultations) uses.
 */
export function withinTerritory(column: AnyPgColumn | SQL, territoryId: string | SQL): SQL {
	return sql`${column} in (select ${territories.id} from ${territories} where ${territories.path} like (select ${territories.path} from ${territories} where ${territories.id} = ${territoryId}) || '%')`;
}

/** A territory's id and the ids above it, root first (whose boards show what happens there). */
export async function territoryLine(territoryId: string | null): Promise<string[]> {
	if (!territoryId) return [];
	const [place] = await db
		.select({ path: territories.path })
		.from(territories)
		.where(eq(territories.id, territoryId));
	return (place?.path ?? '').split('/').filter(Boolean);
}

/** The territory and the ones above it (a city-wide service also serves each neighbourhood). */
export function aboveTerritory(column: AnyPgColumn | SQL, territoryId: string): SQL {
	return sql`${column} in (select ${territories.id} from ${territories} where (select ${territories.path} from ${territories} where ${territories.id} = ${territoryId}) like ${territories.path} || '%')`;
}

export async function createTerritory(
	actor: Actor | null,
	input: { name: string; parentId: string | null }
) {
	authorize(actor, canTerritory(actor, 'manage'));
	forget('territories');
	const id = crypto.randomUUID();
	try {
		return await db.transaction(async (tx) => {
			let path = `/${id}/`;
			let depth = 0;
			if (input.parentId) {
				const [parent] = await tx
					.select()
					.from(territories)
					.where(eq(territories.id, input.parentId));
				if (!parent) throw new DomainError('invalid_input', { fields: { parentId: 'v_invalid' } });
				path = `${parent.path}${id}/`;
				depth = parent.depth + 1;
			}
			const [row] = await tx
				.insert(territories)
				.values({ id, name: input.name, parentId: input.parentId, path, depth })
				.returning();
			await recordAudit(tx, {
				actorId: actor.id,
				action: 'territory.created',
				subjectType: 'territory',
				subjectId: id,
				details: { name: input.name }
			});
			return {
				id: row.id,
				parentId: row.parentId,
				name: row.name,
				depth: row.depth
			} satisfies Territory;
		});
	} catch (error) {
		if (isUniqueViolation(error))
			throw new DomainError('conflict', { fields: { name: 'v_name_taken' } });
		throw error;
	}
}

export async function renameTerritory(actor: Actor | null, id: string, name: string) {
	authorize(actor, canTerritory(actor, 'manage'));
	forget('territories');
	try {
		await db.transaction(async (tx) => {
			const [row] = await tx
				.update(territories)
				.set({ name })
				.where(eq(territories.id, id))
				.returning();
			if (!row) throw new DomainError('not_found');
			await recordAudit(tx, {
				actorId: actor.id,
				action: 'territory.renamed',
				subjectType: 'territory',
				subjectId: id,
				details: { name }
			});
		});
	} catch (error) {
		if (isUniqueViolation(error))
			throw new DomainError('conflict', { fields: { name: 'v_name_taken' } });
		throw error;
	}
}

/** Deletes a territory with no territories under it and no organisation serving it. */
export async function deleteTerritory(actor: Actor | null, id: string) {
	authorize(actor, canTerritory(actor, 'manage'));
	forget('territories');
	try {
		await db.transaction(async (tx) => {
			const [row] = await tx.delete(territories).where(eq(territories.id, id)).returning();
			if (!row) throw new DomainError('not_found');
			await recordAudit(tx, {
				actorId: actor.id,
				action: 'territory.deleted',
				subjectType: 'territory',
				subjectId: id,
				details: { name: row.name }
			});
		});
	} catch (error) {
		if (isForeignKeyViolation(error))
			throw new DomainError('conflict', { extra: { reason: 'territory_in_use' } });
		throw error;
	}
}
