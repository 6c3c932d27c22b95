import { roleIn, type Actor } from '../auth/actor';

export type NeedPrivacyAction = 'readAccessLog' | 'manageConsent' | 'erase';

/** What the privacy rules need to know of a need. */
export interface PrivacyTarget {
	organisationId: string | null;
	authorId: string | null;
	status: 'open' | 'in_progress' | 'fulfilled' | 'closed';
}

/**
 * Who answers for a need's personal data (docs/privacy.md): the person who posted their own
 * request, and the staff (operators, coordinators) of the organisation that posted it. They read
 * who saw it and keep its consents; erasing before retention is a coordinator's decision (or the
 * resident's, for their own request), once it is closed.
 */
export function canNeedPrivacy(
	actor: Actor | null,
	action: NeedPrivacyAction,
	need: PrivacyTarget
): boolean {
	if (!actor) return false;
	const role = roleIn(actor, need.organisationId);
	const ownRequest = need.organisationId === null && need.authorId === actor.id;
	const staff = role === 'operator' || role === 'coordinator';
	const closed = need.status === 'fulfilled' || need.status === 'closed';
	switch (action) {
		case 'readAccessLog':
		case 'manageConsent':
			return ownRequest || staff;
		case 'erase':
			return closed && (ownRequest || role === 'coordinator');
	}
}

/**
 * Why this actor may not erase this need now, or null when they may: `need_open` for someone who
 * could once it is closed, `forbidden` for anyone else.
 */
export function erasureRefusal(actor: Actor | null, need: PrivacyTarget) {
	if (canNeedPrivacy(actor, 'erase', need)) return null;
	const whenClosed = canNeedPrivacy(actor, 'erase', { ...need, status: 'closed' });
	return whenClosed ? ('need_open' as const) : ('forbidden' as const);
}

/** An organisation's data, exported whole: its coordinators. */
export const canExportOrganisation = (actor: Actor | null, organisationId: string) =>
	actor !== null && roleIn(actor, organisationId) === 'coordinator';

/** What is due to be erased, and when: the network's administrators. */
export const canSeeRetention = (actor: Actor | null) => actor?.isAdmin === true;
