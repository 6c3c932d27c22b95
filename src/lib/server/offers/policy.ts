import { roleIn, type Actor } from '../auth/actor';

/** What the rules of an offer look at. */
export interface OfferTarget {
	authorId: string;
	organisationId: string | null;
	visibility: 'public' | 'organisation';
}

export type OfferAction =
	/** See it in the feed and open its page. */
	| 'view'
	/** Change it, pause, reopen or close it. */
	| 'edit'
	/** Ask for it (for oneself or for one of one's needs). */
	| 'request'
	/** Accept or decline its requests, and see them all. */
	| 'decide';

/**
 * Who may do what with an offer. An organisation-only offer is its organisation's; the author
 * answers requests, and for an organisation's offer its operators and coordinators may too
 * (the author may be away). Nobody asks for their own offer.
 */
export function canOffer(actor: Actor | null, action: OfferAction, offer: OfferTarget): boolean {
	if (!actor) return false;
	const role = roleIn(actor, offer.organisationId);
	if (offer.visibility === 'organisation' && role === undefined) return false;
	const author = offer.authorId === actor.id;
	const staff = role === 'operator' || role === 'coordinator';
	switch (action) {
		case 'view':
			return true;
		case 'edit':
			return author || role === 'coordinator';
		case 'decide':
			return author || staff;
		case 'request':
			return !author && actor.emailVerified;
	}
}

/** Everything a person may do on an offer's screen, from the same rules as the actions. */
export function offerCan(actor: Actor | null, offer: OfferTarget) {
	return {
		edit: canOffer(actor, 'edit', offer),
		request: canOffer(actor, 'request', offer),
		decide: canOffer(actor, 'decide', offer)
	};
}

/** Posting an offer for an organisation: its operators and coordinators speak for it. */
export function canOfferFor(actor: Actor | null, organisationId: string | null): boolean {
	if (!actor?.emailVerified) return false;
	if (!organisationId) return true;
	const role = roleIn(actor, organisationId);
	return role === 'operator' || role === 'coordinator';
}
