// Territories: the hierarchy, "this territory and everything under it", and administration.
import { testActor } from '../helpers/actors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../src/lib/server/auth/actor';
import { db } from '../../src/lib/server/db/client';
import {
	organisationTerritories,
	organisations,
	territories
} from '../../src/lib/server/db/schema';
import {
	aboveTerritory,
	createTerritory,
	deleteTerritory,
	listTerritories,
	renameTerritory,
	withinTerritory
} from '../../src/lib/server/territories/service';
import { useTestDatabase } from '../helpers/in-process';
import { signup } from '../../src/lib/server/auth/service';
import { goodPassword, uniqueEmail } from '../helpers/server';
import { codeOf } from '../helpers/outcomes';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let admin: Actor;
let person: Actor;

beforeAll(async () => {
	database = await useTestDatabase({ RATE_LIMIT_DISABLED: '1' });
	const a = await signup(
		{ email: uniqueEmail(), password: goodPassword, name: 'Admin' },
		{ ip: 'x' }
	);
	const p = await signup({ email: uniqueEmail(), password: goodPassword, name: 'P' }, { ip: 'x' });
	admin = testActor(a.user.id, { isAdmin: true });
	person = testActor(p.user.id, { isAdmin: false });
});
afterAll(() => database.close());

describe('territories', () => {
	it('build a hierarchy whose subtree and ancestors are one query away', async () => {
		const city = await createTerritory(admin, { name: 'Borgo Aperto', parentId: null });
		const centre = await createTerritory(admin, { name: 'Centro', parentId: city.id });
		const north = await createTerritory(admin, { name: 'Nord', parentId: city.id });
		const square = await createTerritory(admin, { name: 'Piazza', parentId: centre.id });
		expect(square.depth).toBe(2);

		const names = async (condition: ReturnType<typeof withinTerritory>) =>
			(await db.select({ name: territories.name }).from(territories).where(condition))
				.map((r) => r.name)
				.sort();
		expect(await names(withinTerritory(territories.id, city.id))).toEqual([
			'Borgo Aperto',
			'Centro',
			'Nord',
			'Piazza'
		]);
		expect(await names(withinTerritory(territories.id, centre.id))).toEqual(['Centro', 'Piazza']);
		expect(await names(withinTerritory(territories.id, north.id))).toEqual(['Nord']);
		expect(await names(aboveTerritory(territories.id, square.id))).toEqual([
			'Borgo Aperto',
			'Centro',
			'Piazza'
		]);

		// Listed parents first, siblings by name.
		expect((await listTerritories()).map((t) => t.name)).toEqual([
			'Borgo Aperto',
			'Centro',
			'Piazza',
			'Nord'
		]);
	});

	it('refuse a sibling with the same name, in any case', async () => {
		const [city] = await db.select().from(territories).where(eq(territories.name, 'Borgo Aperto'));
		expect(await codeOf(createTerritory(admin, { name: 'centro', parentId: city.id }))).toBe(
			'conflict'
		);
		expect(await codeOf(createTerritory(admin, { name: 'Centro', parentId: null }))).toBe('ok');
	});

	it('are managed by administrators only', async () => {
		expect(await codeOf(createTerritory(person, { name: 'X', parentId: null }))).toBe('forbidden');
		expect(await codeOf(createTerritory(null, { name: 'X', parentId: null }))).toBe(
			'unauthenticated'
		);
		const [north] = await db.select().from(territories).where(eq(territories.name, 'Nord'));
		expect(await codeOf(renameTerritory(person, north.id, 'Y'))).toBe('forbidden');
		expect(await codeOf(deleteTerritory(person, north.id))).toBe('forbidden');
	});

	it('cannot be deleted while another territory or an organisation depends on them', async () => {
		const [city] = await db.select().from(territories).where(eq(territories.name, 'Borgo Aperto'));
		const [north] = await db.select().from(territories).where(eq(territories.name, 'Nord'));
		expect(await codeOf(deleteTerritory(admin, city.id))).toBe('conflict');
		const [org] = await db.insert(organisations).values({ name: 'Org', kind: 'group' }).returning();
		await db
			.insert(organisationTerritories)
			.values({ organisationId: org.id, territoryId: north.id });
		expect(await codeOf(deleteTerritory(admin, north.id))).toBe('conflict');
		await db.delete(organisations).where(eq(organisations.id, org.id));
		expect(await codeOf(deleteTerritory(admin, north.id))).toBe('ok');
		expect(await codeOf(deleteTerritory(admin, north.id))).toBe('not_found');
	});
});
