import { roleIn, type Actor } from '../auth/actor';

export interface OrganisationTarget {
	id: string;
	status: 'pending' | 'verified' | 'rejected';
}

export type OrganisationAction =
	| 'create'
	| 'view'
	| 'viewMembers'
	| 'viewQueue'
	| 'edit'
	| 'review'
	| 'manageMembers'
	| 'invite'
	| 'decideJoinRequests'
	| 'requestToJoin'
	| 'leave';

/**
 * Who may do what to an organisation. The one place these rules live: pages, API and socket
 * handlers all ask here.
 */
export function canOrganisation(
	actor: Actor | null,
	action: OrganisationAction,
	org?: OrganisationTarget
): boolean {
	if (!actor) return action === 'view' && org?.status !== 'rejected';
	const role = roleIn(actor, org?.id);
	switch (action) {
		case 'create':
			return true;
		case 'view':
			// A rejected organisation is gone for everyone but its members and the administrators.
			return org?.status !== 'rejected' || role !== undefined || actor.isAdmin;
		// The queue (its needs, who helps with each, their export) and the members: its own people.
		case 'viewMembers':
		case 'viewQueue':
			return role !== undefined;
		case 'edit':
		case 'manageMembers':
		case 'invite':
		case 'decideJoinRequests':
			return role === 'coordinator';
		case 'review':
			return actor.isAdmin;
		case 'requestToJoin':
			return role === undefined && org?.status !== 'rejected';
		case 'leave':
			return role !== undefined;
	}
}
