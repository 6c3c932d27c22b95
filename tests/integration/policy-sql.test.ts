// The policies have two forms: functions (canNeed, canChannel) for one thing at a time, and SQL
// (visibleToOrganisations, insidersOf, memberOf) for lists and fan-out. On generated people,
// organisations, needs, claims and channels, both forms must give the same answer to everyone.
import fc from 'fast-check';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorsByIds, type Actor } from '../../src/lib/server/auth/actor';
import { memberOf } from '../../src/lib/server/channels/service';
import { canChannel } from '../../src/lib/server/channels/policy';
import { db } from '../../src/lib/server/db/client';
import {
	channelMembers,
	channels,
	claims,
	memberships,
	needParts,
	needs,
	organisations,
	users,
	vouches
} from '../../src/lib/server/db/schema';
import { canNeed } from '../../src/lib/server/needs/policy';
import { insidersOf, visibleNeeds } from '../../src/lib/server/needs/queries';
import { needTarget } from '../../src/lib/server/needs/views';
import { claimRules } from '../../src/lib/shared/schemas/needs';
import { useTestDatabase } from '../helpers/in-process';

let database: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
	process.env.LOG_LEVEL = 'silent';
	// The generated accounts say themselves whether their address is proved.
	process.env.EMAIL_VERIFICATION = 'on';
	database = await useTestDatabase();
});
afterAll(() => database.close());

const PEOPLE = 5;
const ORGANISATIONS = 3;

/** An index into a list of `n`, or none. */
const maybe = (n: number) => fc.option(fc.nat({ max: n - 1 }), { nil: null });

const world = fc.record({
	organisations: fc.array(fc.constantFrom('pending', 'verified', 'rejected'), {
		minLength: ORGANISATIONS,
		maxLength: ORGANISATIONS
	}),
	people: fc.array(
		fc.record({
			emailVerified: fc.boolean(),
			vouched: fc.boolean(),
			roles: fc.array(fc.constantFrom(null, 'volunteer', 'operator', 'coordinator'), {
				minLength: ORGANISATIONS,
				maxLength: ORGANISATIONS
			})
		}),
		{ minLength: PEOPLE, maxLength: PEOPLE }
	),
	needs: fc.array(
		fc.record({
			author: maybe(PEOPLE),
			organisation: maybe(ORGANISATIONS),
			organisationOnly: fc.boolean(),
			claimRule: fc.constantFrom(...claimRules),
			// Each person: no claim, an active one, or one that ended.
			claims: fc.array(fc.constantFrom(null, 'active', 'released'), {
				minLength: PEOPLE,
				maxLength: PEOPLE
			})
		}),
		{ minLength: 1, maxLength: 4 }
	),
	channels: fc.array(
		fc.record({
			organisation: maybe(ORGANISATIONS),
			members: fc.array(fc.boolean(), { minLength: PEOPLE, maxLength: PEOPLE })
		}),
		{ minLength: 1, maxLength: 3 }
	)
});

type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

let runs = 0;

/** Writes a world into the database; its rows are the only ones the checks look at. */
async function store(w: World) {
	const run = runs++;
	const orgIds = (
		await db
			.insert(organisations)
			.values(
				w.organisations.map((status, i) => ({
					name: `Org ${run}.${i}`,
					kind: 'ngo' as const,
					status
				}))
			)
			.returning({ id: organisations.id })
	).map((o) => o.id);
	const userIds = (
		await db
			.insert(users)
			.values(
				w.people.map((p, i) => ({
					email: `policy-sql-${run}-${i}-${crypto.randomUUID()}@example.org`,
					name: `Person ${i}`,
					passwordHash: 'not a hash: nobody signs in',
					emailVerifiedAt: p.emailVerified ? new Date() : null
				}))
			)
			.returning({ id: users.id })
	).map((u) => u.id);
	const roles = w.people.flatMap((p, i) =>
		p.roles.flatMap((role, o) =>
			role ? [{ organisationId: orgIds[o], userId: userIds[i], role }] : []
		)
	);
	if (roles.length) await db.insert(memberships).values(roles);
	const vouched = w.people.flatMap((p, i) => (p.vouched ? [{ userId: userIds[i] }] : []));
	if (vouched.length) await db.insert(vouches).values(vouched);

	const needIds: string[] = [];
	for (const n of w.needs) {
		const organisationId = n.organisation === null ? null : orgIds[n.organisation];
		const [need] = await db
			.insert(needs)
			.values({
				title: 'Spesa',
				description: 'Per la settimana',
				categoryId: 'other',
				organisationId,
				visibility: organisationId && n.organisationOnly ? 'organisation' : 'public',
				claimRule: n.claimRule,
				authorId: n.author === null ? null : userIds[n.author]
			})
			.returning({ id: needs.id });
		const [part] = await db
			.insert(needParts)
			.values({ needId: need.id, title: '', capacity: PEOPLE })
			.returning({ id: needParts.id });
		const held = n.claims.flatMap((status, i) =>
			status
				? [
						{
							needId: need.id,
							partId: part.id,
							userId: userIds[i],
							slot: i + 1,
							status,
							expiresAt: new Date(Date.now() + 3_600_000),
							endedAt: status === 'active' ? null : new Date()
						}
					]
				: []
		);
		if (held.length) await db.insert(claims).values(held);
		needIds.push(need.id);
	}

	const channelIds: string[] = [];
	for (const c of w.channels) {
		const organisationId = c.organisation === null ? null : orgIds[c.organisation];
		const [channel] = await db
			.insert(channels)
			.values({ kind: organisationId ? 'need' : 'group', name: 'Canale', organisationId })
			.returning({ id: channels.id });
		const named = c.members.flatMap((m, i) =>
			m ? [{ channelId: channel.id, userId: userIds[i] }] : []
		);
		if (named.length) await db.insert(channelMembers).values(named);
		channelIds.push(channel.id);
	}
	const actors = await actorsByIds(userIds);
	// In the world's order, as the database gives them back in its own.
	const byId = new Map(actors.map((a) => [a.id, a]));
	return { orgIds, people: userIds.map((id) => byId.get(id)!), needIds, channelIds };
}

async function needRows(needIds: string[]) {
	const rows = await db.select().from(needs).where(inArray(needs.id, needIds));
	const active = await db
		.select({ needId: claims.needId, userId: claims.userId })
		.from(claims)
		.where(and(inArray(claims.needId, needIds), eq(claims.status, 'active')));
	return rows.map((need) => ({
		need,
		holders: new Set(active.filter((c) => c.needId === need.id).map((c) => c.userId))
	}));
}

async function visibleTo(actor: Actor, needIds: string[]) {
	const rows = await db
		.select({ id: needs.id })
		.from(needs)
		.where(and(inArray(needs.id, needIds), visibleNeeds(actor)));
	return new Set(rows.map((r) => r.id));
}

const RUNS = 12;

describe('the SQL forms of the policies agree with the functions', () => {
	it('visibleToOrganisations is canNeed(view), insidersOf is canNeed(viewContact)', async () => {
		await fc.assert(
			fc.asyncProperty(world, async (w) => {
				const { people, needIds } = await store(w);
				const rows = await needRows(needIds);
				const insiders = await insidersOf(needIds);
				for (const actor of people) {
					const visible = await visibleTo(actor, needIds);
					for (const { need, holders } of rows) {
						const target = needTarget(need, holders.has(actor.id));
						const who = `person ${people.indexOf(actor)} on need ${needIds.indexOf(need.id)}`;
						expect(visible.has(need.id), `view: ${who}`).toBe(canNeed(actor, 'view', target));
						expect(insiders.get(need.id)?.has(actor.id) ?? false, `viewContact: ${who}`).toBe(
							canNeed(actor, 'viewContact', target)
						);
					}
				}
			}),
			{ numRuns: RUNS }
		);
	});

	it('memberOf is membership by name or through the organisation, which canChannel reads', async () => {
		await fc.assert(
			fc.asyncProperty(world, async (w) => {
				const { people, channelIds } = await store(w);
				for (const [c, channelId] of channelIds.entries()) {
					const spec = w.channels[c];
					const [channel] = await db.select().from(channels).where(eq(channels.id, channelId));
					for (const [i, actor] of people.entries()) {
						const [row] = await db
							.select({ isMember: sql<boolean>`${memberOf(actor.id)}` })
							.from(channels)
							.where(eq(channels.id, channelId));
						const expected =
							spec.members[i] ||
							(channel.organisationId !== null && actor.roles.has(channel.organisationId));
						const who = `person ${i} in channel ${c}`;
						expect(Boolean(row.isMember), `member: ${who}`).toBe(expected);
						const target = {
							kind: channel.kind,
							organisationId: channel.organisationId,
							organisationIds: [],
							createdBy: channel.createdBy,
							isMember: Boolean(row.isMember)
						};
						expect(canChannel(actor, 'read', target), `read: ${who}`).toBe(expected);
					}
				}
			}),
			{ numRuns: RUNS }
		);
	});
});
