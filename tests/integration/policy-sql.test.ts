// The policies have two forms: functions (canNeed, canChannel) for one thing at a time, and SQL
// (visibleToOrganisations, insidersOf, memberOf) for lists and fan-out. On generated people,
// organisations, needs, claims and channels, both forms must give the same answer to everyone.
import fc from 'fast-check';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorsByIds, type Actor } from '../../src/lib/server/auth/actor';
import { HOUR, now } from '../../src/lib/server/clock';
import { configure } from '../../src/lib/server/config';
import { canChannel } from '../../src/lib/server/channels/policy';
import { channelPeople, isMember, loadChannel } from '../../src/lib/server/channels/service';
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
import { fromNeeds } from '../../src/lib/server/needs/service';
import { liveRow, needTarget } from '../../src/lib/server/needs/views';
import { channelKinds } from '../../src/lib/shared/schemas/channels';
import { claimRules } from '../../src/lib/shared/schemas/needs';
import { memberRoles, organisationStatuses } from '../../src/lib/shared/schemas/orgs';
import { useTestDatabase } from '../helpers/in-process';

const settings = (verification: boolean) => ({
	LOG_LEVEL: 'silent',
	EMAIL_VERIFICATION: verification ? 'on' : 'off'
});

let database: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
	database = await useTestDatabase(settings(true));
});
afterAll(() => database.close());

const PEOPLE = 5;
const ORGANISATIONS = 3;
const RUNS = 12;

/** An index into a list of `n`, or none. */
const maybe = (n: number) => fc.option(fc.nat({ max: n - 1 }), { nil: null });
const each = <T>(n: number, arbitrary: fc.Arbitrary<T>) =>
	fc.array(arbitrary, { minLength: n, maxLength: n });

/** What a person's claim on a need is: none, held, held past its end (not swept yet), or ended. */
const claimStates = [null, 'active', 'lapsed', 'released', 'expired', 'completed'] as const;
/** Channels an organisation's members belong to by themselves, and the others. */
const organisationKinds = ['organisation', 'need'] as const;
const otherKinds = channelKinds.filter((k) => k !== 'organisation' && k !== 'need');

const world = fc.record({
	// Whether addresses must be proved: it changes who the claim rules admit.
	verification: fc.boolean(),
	organisations: each(ORGANISATIONS, fc.constantFrom(...organisationStatuses)),
	people: each(
		PEOPLE,
		fc.record({
			isAdmin: fc.boolean(),
			emailVerified: fc.boolean(),
			// By the administrators (null) or by an organisation, open or revoked.
			vouch: fc.option(fc.record({ by: maybe(ORGANISATIONS), revoked: fc.boolean() }), {
				nil: null
			}),
			roles: each(ORGANISATIONS, fc.option(fc.constantFrom(...memberRoles), { nil: null }))
		})
	),
	needs: fc.array(
		fc.record({
			author: maybe(PEOPLE),
			organisation: maybe(ORGANISATIONS),
			organisationOnly: fc.boolean(),
			claimRule: fc.constantFrom(...claimRules),
			claims: each(PEOPLE, fc.constantFrom(...claimStates))
		}),
		{ minLength: 1, maxLength: 4 }
	),
	channels: fc.array(
		fc.record({
			organisation: maybe(ORGANISATIONS),
			organisationKind: fc.constantFrom(...organisationKinds),
			otherKind: fc.constantFrom(...otherKinds),
			members: each(PEOPLE, fc.boolean())
		}),
		{ minLength: 1, maxLength: 3 }
	)
});

type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

let runs = 0;

/** Writes a world's organisations and people; its rows are the only ones the checks look at. */
async function storePeople(w: World) {
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
					isAdmin: p.isAdmin,
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
	const vouched = w.people.flatMap(({ vouch }, i) =>
		vouch
			? [
					{
						userId: userIds[i],
						organisationId: vouch.by === null ? null : orgIds[vouch.by],
						revokedAt: vouch.revoked ? new Date() : null
					}
				]
			: []
	);
	if (vouched.length) await db.insert(vouches).values(vouched);
	const actors = await actorsByIds(userIds);
	// In the world's order, as the database gives them back in its own.
	const byId = new Map(actors.map((a) => [a.id, a]));
	return { orgIds, userIds, people: userIds.map((id) => byId.get(id)!) };
}

async function storeNeeds(w: World, orgIds: string[], userIds: string[]) {
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
		const held = n.claims.flatMap((state, i) => {
			if (state === null) return [];
			const lapsed = state === 'lapsed';
			const status = lapsed ? 'active' : state;
			const ends = now().getTime() + (lapsed ? -HOUR : HOUR);
			const endedAt = status === 'active' ? null : now();
			return [
				{
					needId: need.id,
					partId: part.id,
					userId: userIds[i],
					slot: i + 1,
					status,
					expiresAt: new Date(ends),
					endedAt
				}
			];
		});
		if (held.length) await db.insert(claims).values(held);
		needIds.push(need.id);
	}
	return needIds;
}

async function storeChannels(w: World, orgIds: string[], userIds: string[]) {
	const channelIds: string[] = [];
	// One organisation channel per organisation: a second one is one of its needs' channels.
	const withOwnChannel = new Set<string>();
	for (const c of w.channels) {
		const organisationId = c.organisation === null ? null : orgIds[c.organisation];
		let kind: (typeof channelKinds)[number] = organisationId ? c.organisationKind : c.otherKind;
		if (kind === 'organisation' && withOwnChannel.has(organisationId!)) kind = 'need';
		if (kind === 'organisation') withOwnChannel.add(organisationId!);
		const [channel] = await db
			.insert(channels)
			.values({ kind, name: 'Canale', organisationId })
			.returning({ id: channels.id });
		const named = c.members.flatMap((m, i) =>
			m ? [{ channelId: channel.id, userId: userIds[i] }] : []
		);
		if (named.length) await db.insert(channelMembers).values(named);
		channelIds.push(channel.id);
	}
	return channelIds;
}

/** The needs as every read sees them now, with who holds a claim on each. */
async function liveNeeds(needIds: string[]) {
	const rows = await fromNeeds().where(inArray(needs.id, needIds));
	return rows.map((stored) => {
		const row = liveRow(stored);
		return { need: row.need, holders: new Set(row.activeClaims.map((c) => c.userId)) };
	});
}

async function visibleTo(actor: Actor, needIds: string[]) {
	const rows = await db
		.select({ id: needs.id })
		.from(needs)
		.where(and(inArray(needs.id, needIds), visibleNeeds(actor)));
	return new Set(rows.map((r) => r.id));
}

describe('the SQL forms of the policies agree with the functions', () => {
	it('visibleToOrganisations is canNeed(view), insidersOf is canNeed(viewHistory)', async () => {
		await fc.assert(
			fc.asyncProperty(world, async (w) => {
				configure(settings(w.verification));
				const { orgIds, userIds, people } = await storePeople(w);
				const needIds = await storeNeeds(w, orgIds, userIds);
				const [rows, insiders] = await Promise.all([liveNeeds(needIds), insidersOf(needIds)]);
				for (const actor of people) {
					const visible = await visibleTo(actor, needIds);
					for (const { need, holders } of rows) {
						const target = needTarget(need, holders.has(actor.id));
						const who = `person ${people.indexOf(actor)} on need ${needIds.indexOf(need.id)}`;
						expect(visible.has(need.id), `view: ${who}`).toBe(canNeed(actor, 'view', target));
						expect(insiders.get(need.id)?.has(actor.id) ?? false, `viewHistory: ${who}`).toBe(
							canNeed(actor, 'viewHistory', target)
						);
					}
				}
			}),
			{ numRuns: RUNS }
		);
		configure(settings(true));
	});

	it('memberOf is membership by name or through the organisation, as canChannel reads it', async () => {
		await fc.assert(
			fc.asyncProperty(world, async (w) => {
				const { orgIds, userIds, people } = await storePeople(w);
				const channelIds = await storeChannels(w, orgIds, userIds);
				for (const [c, channelId] of channelIds.entries()) {
					const [channel] = await db.select().from(channels).where(eq(channels.id, channelId));
					const expected = people.map(
						(actor, i) =>
							w.channels[c].members[i] ||
							(channel.organisationId !== null && actor.roles.has(channel.organisationId))
					);
					// Who the channel's messages go to.
					const everyone = new Set((await channelPeople(db, channel)).map((p) => p.id));
					for (const [i, actor] of people.entries()) {
						const who = `person ${i} in ${channel.kind} channel ${c}`;
						expect(everyone.has(actor.id), `people: ${who}`).toBe(expected[i]);
						expect(await isMember(actor.id, channelId), `isMember: ${who}`).toBe(expected[i]);
						// What the pages and the API read: a channel one may neither read nor join is
						// not there.
						const loaded = await loadChannel(db, actor, channelId).catch(() => null);
						const opensToAll = channel.kind === 'territory';
						expect(loaded !== null, `found: ${who}`).toBe(expected[i] || opensToAll);
						if (!loaded) continue;
						expect(loaded.target.isMember, `member: ${who}`).toBe(expected[i]);
						expect(canChannel(actor, 'read', loaded.target), `read: ${who}`).toBe(expected[i]);
						expect(canChannel(actor, 'join', loaded.target), `join: ${who}`).toBe(
							!expected[i] && opensToAll
						);
					}
				}
			}),
			{ numRuns: RUNS }
		);
	});
});
