import { eq } from 'drizzle-orm';
import { actorsByIds } from '../auth/actor';
import { now } from '../clock';
import { needs } from '../db/schema';
import { rooms, type Delivery } from '../events/rooms';
import { territoryLine } from '../territories/service';
import { activitiesOf } from './activities';
import { insidersOf } from './queries';
import { fromNeeds } from './service';
import { shapeNeed, type NeedView } from './views';
import type { NeedPresence, NeedViewer } from '$lib/shared/presence';

/**
 * Who receives a need that was posted or changed, each in the shape the policy gives them. Its
 * circle (`insidersOf`: author, organisation members, helpers) get it in their own rooms, shaped
 * for each as `shapeNeed` would for their own request; a public need also goes to the boards of
 * its territory and those above, shaped for someone with no part in it. Nobody receives a field
 * the policy keeps from them, whatever room they are in.
 */
export async function needAudience(needId: string): Promise<Delivery<{ need: NeedView }>[]> {
	const [row] = await fromNeeds().where(eq(needs.id, needId));
	if (!row) return [];
	const [insiders, line] = await Promise.all([
		insidersOf([needId]),
		territoryLine(row.need.territoryId)
	]);
	const insiderRooms: string[] = [];
	// People who see the same thing share one emission.
	const byShape = new Map<string, Delivery<{ need: NeedView }>>();
	for (const actor of await actorsByIds([...(insiders.get(needId) ?? [])])) {
		const need = shapeNeed(actor, row);
		const key = JSON.stringify(need);
		const room = rooms.user(actor.id);
		insiderRooms.push(room);
		const same = byShape.get(key);
		if (same) same.rooms.push(room);
		else byShape.set(key, { rooms: [room], payload: { need } });
	}
	const deliveries = [...byShape.values()];
	if (row.need.visibility === 'public')
		deliveries.push({
			rooms: [rooms.boardAll, ...line.map(rooms.board)],
			except: insiderRooms,
			payload: { need: shapeNeed(null, row) }
		});
	return deliveries;
}

/** A need's presence in its two shapes, and the people who may have the one with names. */
export interface PresenceAudience {
	/** Who is looking and acting, by name: for the need's circle (who may see its helpers). */
	named: NeedPresence;
	/** "Two people are looking, someone is calling": for everyone else who may see the need. */
	anonymous: NeedPresence;
	insiders: ReadonlySet<string>;
}

/**
 * The presence of these needs, given who has their page open (one entry per person), with
 * who is acting on them: two queries, however many needs.
 */
export async function presenceAudience(
	viewersOf: ReadonlyMap<string, NeedViewer[]>
): Promise<PresenceAudience[]> {
	const needIds = [...viewersOf.keys()];
	const [activities, insiders] = await Promise.all([activitiesOf(needIds), insidersOf(needIds)]);
	const at = now().toISOString();
	return needIds.map((needId) => {
		const viewers = viewersOf.get(needId) ?? [];
		const running = activities.get(needId) ?? [];
		const base = { needId, viewerCount: viewers.length, now: at };
		return {
			named: {
				...base,
				viewers,
				activities: running.map(({ userId, name, organisation, kind, expiresAt }) => ({
					userId,
					name,
					organisation,
					kind,
					expiresAt
				}))
			},
			anonymous: {
				...base,
				// Looking at a public need is no reason to be known: a count, no names, no ids.
				viewers: [],
				activities: running.map(({ kind, expiresAt }, i) => ({
					userId: `someone-${i}`,
					name: null,
					organisation: null,
					kind,
					expiresAt
				}))
			},
			insiders: insiders.get(needId) ?? new Set<string>()
		};
	});
}

/** The shape of a need's presence this person may have. */
export const presenceFor = (audience: PresenceAudience, userId: string) =>
	audience.insiders.has(userId) ? audience.named : audience.anonymous;
