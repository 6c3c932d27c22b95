import { roleIn, type Actor } from '../auth/actor';

export interface NeedTarget {
	organisationId: string | null;
	visibility: 'public' | 'organisation';
	authorId: string | null;
	/** Whether the actor currently holds a claim on the need. */
	actorHoldsClaim?: boolean;
}

export type NeedAction =
	| 'view'
	| 'viewContact'
	| 'viewHistory'
	| 'edit'
	| 'claim'
	| 'complete'
	| 'act'
	| 'markDuplicate'
	| 'releaseStale';

/**
 * The privacy rule of API.md, and who may act on a need. An organisation-only need exists only
 * for members of its organisation; `contact`, the helpers and the history reach only the author,
 * the organisation's members and the people holding a claim on it.
 */
export function canNeed(actor: Actor | null, action: NeedAction, need: NeedTarget): boolean {
	if (!actor) return false;
	const role = roleIn(actor, need.organisationId);
	const visible = need.visibility === 'public' || role !== undefined;
	if (!visible) return false;
	const author = need.authorId !== null && need.authorId === actor.id;
	const holder = need.actorHoldsClaim === true;
	switch (action) {
		case 'view':
			return true;
		// "I am calling this person now" (act): only those who can reach the person say so.
		case 'viewContact':
		case 'viewHistory':
		case 'act':
			return author || role !== undefined || holder;
		case 'edit':
			return author || role === 'coordinator';
		case 'claim':
			// Nobody takes on their own request.
			return !author;
		case 'complete':
			// The author, the organisation's staff, or a helper reporting back.
			return author || role === 'coordinator' || role === 'operator' || holder;
		case 'markDuplicate':
			// It moves other people's help elsewhere: the author, or a coordinator who knows both.
			return author || role === 'coordinator';
		case 'releaseStale':
			// Taking a month-old claim from a helper is the organisation's decision.
			return role === 'coordinator';
	}
}

/** Posting: anyone signed in for themselves; for an organisation, its operators and coordinators. */
export function canPostNeed(actor: Actor | null, organisationId: string | null): boolean {
	if (!actor) return false;
	if (!organisationId) return true;
	const role = roleIn(actor, organisationId);
	return role === 'operator' || role === 'coordinator';
}
