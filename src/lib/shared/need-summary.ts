import type { NeedView } from './views/needs';

/** What a list of needs shows of each (the board, "what I'm helping with", a queue). */
export type NeedSummaryView = Pick<
	NeedView,
	| 'id'
	| 'title'
	| 'category'
	| 'urgency'
	| 'status'
	| 'visibility'
	| 'claimRule'
	| 'claimedCount'
	| 'capacity'
	| 'territoryName'
	| 'organisationName'
>;

/** A need cut down to what a list shows: pages carry (and serialise) only that. */
export function summarise(need: NeedView): NeedSummaryView {
	return {
		id: need.id,
		title: need.title,
		category: need.category,
		urgency: need.urgency,
		status: need.status,
		visibility: need.visibility,
		claimRule: need.claimRule,
		claimedCount: need.claimedCount,
		capacity: need.capacity,
		territoryName: need.territoryName,
		organisationName: need.organisationName
	};
}
