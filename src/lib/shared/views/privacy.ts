import type {
	accessChannels,
	accessKinds,
	consentGivers,
	consentRecipients
} from '../schemas/privacy';

/** In what capacity someone saw it: their role in the organisation, or a helper from outside. */
export type AccessRole = 'coordinator' | 'operator' | 'volunteer' | 'helper';

/** One line of an access log: who (and for which organisation), when, what, through what. */
export interface AccessEntryView {
	id: string;
	at: string;
	what: (typeof accessKinds)[number];
	via: (typeof accessChannels)[number];
	needId: string | null;
	needTitle: string | null;
	who: {
		/** Null once their account is erased. */
		id: string | null;
		name: string | null;
		role: AccessRole;
		organisationName: string | null;
	};
}

/** "2 volunteers of Caritas": distinct people per role and organisation. */
export interface AccessGroupView {
	role: AccessRole;
	organisationName: string | null;
	count: number;
}

export interface ConsentView {
	id: string;
	needId: string;
	/** What the person agreed to; `own_request` for a resident posting their own request. */
	purpose: string;
	recipients: (typeof consentRecipients)[number];
	givenBy: (typeof consentGivers)[number];
	note: string;
	recordedByName: string | null;
	createdAt: string;
	revokedAt: string | null;
	revokedByName: string | null;
}
