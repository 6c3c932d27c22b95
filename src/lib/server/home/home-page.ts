import { authorize, roleIn, type Actor } from '../auth/actor';
import { networkSetup } from '../administration/setup';
import { listCategories } from '../administration/service';
import { HOUR, now } from '../clock';
import { config } from '../config';
import { db } from '../db/client';
import { pendingHandoversOf, pendingHandoversOfOrganisation } from '../needs/handovers';
import { latestEntries } from '../needs/history';
import { canNeed } from '../needs/policy';
import { listNeeds, type NeedView } from '../needs/service';
import { listJoinRequests } from '../orgs/join-requests';
import { myOrganisations } from '../orgs/service';
import { getOwnProfile } from '../people/service';
import { listTerritories } from '../territories/service';
import { summarise } from '$lib/shared/need-summary';

/** How many of each list the home shows; the full lists are a link away. */
const SHOWN = 5;

/** The author's view of a need: who may see its history sees what changed last. */
function seesHistory(actor: Actor, need: NeedView) {
	return canNeed(actor, 'viewHistory', {
		organisationId: need.organisationId,
		visibility: need.visibility,
		authorId: need.authorId,
		claimRule: need.claimRule,
		actorHoldsClaim: need.claims.some((c) => c.userId === actor.id)
	});
}

/** One's own requests, newest first, with who is helping and the last thing that happened. */
async function myRequests(actor: Actor) {
	const page = await listNeeds(actor, { authored: true, sort: 'newest', limit: SHOWN }, 'summary');
	const latest = await latestEntries(
		db,
		page.items.filter((n) => seesHistory(actor, n)).map((n) => n.id)
	);
	return {
		items: page.items.map((need) => ({
			...summarise(need),
			// As the view allows: names only for those the needs policy lets see the helpers.
			helpers: [...new Set(need.claims.map((c) => c.userName))],
			lastChange: latest.get(need.id) ?? null
		})),
		more: page.nextCursor !== null
	};
}

/** What one is helping with, each with the end of one's claim and whether it ends soon. */
async function myHelp(actor: Actor) {
	const page = await listNeeds(actor, { helping: true, sort: 'urgency', limit: SHOWN }, 'summary');
	const soon = now().getTime() + config().claimReminderHours * HOUR;
	return {
		items: page.items.map((need) => {
			const ends = need.claims
				.filter((c) => c.userId === actor.id)
				.map((c) => c.expiresAt)
				.sort()[0];
			return { ...summarise(need), myClaimEndsAt: ends, endingSoon: Date.parse(ends) <= soon };
		}),
		more: page.nextCursor !== null
	};
}

/** Open needs where one lives (the profile's territory), or anywhere when it is not given. */
async function nearMe(actor: Actor) {
	const [profile, territories] = await Promise.all([getOwnProfile(actor), listTerritories()]);
	const territory = territories.find((t) => t.id === profile.homeTerritoryId) ?? null;
	const page = await listNeeds(
		actor,
		{
			status: 'open',
			sort: 'urgency',
			territoryId: territory?.id,
			limit: SHOWN * 2
		},
		'summary'
	);
	// Not one's own requests, nor what one already helps with: those have their own lists.
	const others = page.items.filter(
		(n) => n.authorId !== actor.id && !n.claims.some((c) => c.userId === actor.id)
	);
	return {
		territoryId: territory?.id ?? null,
		territoryName: territory?.name ?? null,
		items: others.slice(0, SHOWN).map(summarise)
	};
}

/** The organisations one works for (operator, coordinator): queue, handovers, join requests. */
async function myDesks(actor: Actor) {
	const staff = (await myOrganisations(actor)).filter(
		(o) => o.myRole === 'operator' || o.myRole === 'coordinator'
	);
	return Promise.all(
		staff.map(async (o) => {
			const [queue, requests, handovers] = await Promise.all([
				listNeeds(
					actor,
					{ organisationId: o.id, status: 'open', sort: 'urgency', limit: 3 },
					'summary'
				),
				roleIn(actor, o.id) === 'coordinator' ? listJoinRequests(actor, o.id) : null,
				pendingHandoversOfOrganisation(actor, o.id)
			]);
			return {
				id: o.id,
				name: o.name,
				role: o.myRole!,
				status: o.status,
				queue: { items: queue.items.map(summarise), more: queue.nextCursor !== null },
				joinRequests: requests?.length ?? null,
				handovers
			};
		})
	);
}

/**
 * Everything the home page shows a signed-in person, by what they are: their requests (a
 * resident), what they help with and what is near (a volunteer), their organisations' desks
 * (an operator, a coordinator), and the network's set-up (an administrator). One read, no writes.
 */
export async function homePage(actor: Actor | null) {
	authorize(actor, actor !== null);
	const [requests, helping, near, desks, handovers, setup, categories] = await Promise.all([
		myRequests(actor),
		myHelp(actor),
		nearMe(actor),
		myDesks(actor),
		pendingHandoversOf(actor),
		actor.isAdmin ? networkSetup(actor) : null,
		listCategories()
	]);
	return {
		requests,
		helping,
		near,
		organisations: desks,
		handovers: {
			// A request to hand over one's own slot waits for an answer; one's own requests wait.
			waiting: handovers.filter((h) => h.holder?.id === actor.id),
			asked: handovers.filter((h) => h.requester.id === actor.id)
		},
		setup,
		categories,
		me: actor.id
	};
}
