import type { organisationKinds, organisationStatuses, Role } from '../schemas/orgs';

/** The organisations' shapes as the API and the pages send them. */

export interface OrganisationView {
	id: string;
	name: string;
	kind: (typeof organisationKinds)[number];
	status: (typeof organisationStatuses)[number];
	verified: boolean;
	description: string;
	contactEmail: string;
	contactPhone: string;
	website: string;
	territories: { id: string; name: string }[];
	createdAt: string;
	/** The asker's role in it, if any. */
	myRole: Role | null;
	/** Why it was rejected: for its members and the administrators only. */
	rejectionReason?: string | null;
}

export interface MemberView {
	userId: string;
	name: string;
	role: Role;
	since: string;
}

export interface InvitationView {
	id: string;
	email: string;
	role: Role;
	createdAt: string;
	expiresAt: string;
}
