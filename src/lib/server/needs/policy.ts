import { roleIn, type Actor } from '../auth/actor';

export interface NeedTarget {
	organisationId: string | null;
	visibility: 'public' | 'organisation';
	authorId: string | null;
	/** Whether the actor currently holds a claim on the need. */
	actorHoldsClaim?: boolean;
}

export type NeedAction = 'view' | 'viewContact' | 'edit';

/**
 * The privacy rule of API.md. An organisation-only need exists only for members of its
 * organisation; `contact` reaches only the author, the organisation's members and the people
 * holding a claim on it.
 */
export function canNeed(actor: Actor | null, action: NeedAction, need: NeedTarget): boolean {
	if (!actor) return false;
	const role = roleIn(actor, need.organisationId);
	const visible = need.visibility === 'public' || role !== undefined;
	if (!visible) return false;
	const author = need.authorId !== null && need.authorId === actor.id;
	switch (action) {
		case 'view':
			return true;
		case 'viewContact':
			return author || role !== undefined || need.actorHoldsClaim === true;
		case 'edit':
			return author || role === 'coordinator';
	}
}

/** Posting: anyone signed in for themselves; for an organisation, its operators and coordinators. */
export function canPostNeed(actor: Actor | null, organisationId: string | null): boolean {
	if (!actor) return false;
	if (!organisationId) return true;
	const role = roleIn(actor, organisationId);
	return role === 'operator' || role === 'coordinator';
}
