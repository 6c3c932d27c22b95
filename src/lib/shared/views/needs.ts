import type { ActivityKind } from '../schemas/activities';
import type { contactMeans, contactResults } from '../schemas/contacts';
import type { handoverStatuses } from '../schemas/handovers';
import type {
	claimRules,
	needOutcomes,
	needStatuses,
	needVisibilities,
	urgencies
} from '../schemas/needs';

/** The needs' shapes as the API, the pages and the sockets send them: one definition for all. */

export interface PartView {
	id: string;
	title: string;
	capacity: number;
	claimedCount: number;
	/** Only people with this skill may take the part (the qualification gate). */
	requiredSkill: { id: string; name: string } | null;
}

export interface ClaimView {
	id: string;
	needId: string;
	partId: string;
	userId: string;
	userName: string;
	createdAt: string;
	expiresAt: string;
	/** The last time the holder did something for the person (a month without: stale). */
	lastActivityAt: string;
}

export interface NeedView {
	id: string;
	title: string;
	description: string;
	category: string;
	urgency: (typeof urgencies)[number];
	territoryId: string | null;
	territoryName: string | null;
	organisationId: string | null;
	organisationName: string | null;
	visibility: (typeof needVisibilities)[number];
	/** Who may take it on: `anyone`, `trusted` helpers, or the `organisation`'s own people. */
	claimRule: (typeof claimRules)[number];
	status: (typeof needStatuses)[number];
	outcome: (typeof needOutcomes)[number] | null;
	duplicateOfId: string | null;
	approxLocation: string;
	dueDate: string | null;
	capacity: number;
	claimedCount: number;
	parts: PartView[];
	/** Who is helping: the whole list for those the policy lets see it, otherwise one's own claims. */
	claims: ClaimView[];
	/** The author, for the need's circle only: a public view leads to no person. */
	authorId: string | null;
	createdAt: string;
	updatedAt: string;
	/** Present only for those the needs policy lets see it. */
	contact?: string;
	/** For a helper without the person's consent to share: the organisation puts them in touch. */
	contactWithheld?: true;
	/** Its contact and description were erased (retention, or by its organisation). */
	redacted?: true;
	/**
	 * For the need's organisation, when it gave a person key: how many other organisations have
	 * an open need of the same category for the same person (a number, nothing else).
	 */
	personKeyMatches?: number;
}

export interface HandoverView {
	id: string;
	needId: string;
	needTitle: string;
	claimId: string;
	partTitle: string;
	/** The holder's name reaches only those who may see the need's helpers, and the holder. */
	holder: { id: string; name: string } | null;
	requester: { id: string; name: string };
	organisation: { id: string; name: string } | null;
	reason: string;
	status: (typeof handoverStatuses)[number];
	answerNote: string;
	createdAt: string;
	answeredAt: string | null;
	/** When an unanswered request is approved by itself. */
	autoApproveAt: string;
}

export interface ActivityView {
	userId: string;
	name: string;
	/** The organisation shown beside the name, if the person belongs to one. */
	organisation: string | null;
	kind: ActivityKind;
	startedAt: string;
	expiresAt: string;
}

export interface ContactView {
	id: string;
	userId: string | null;
	userName: string;
	means: (typeof contactMeans)[number];
	result: (typeof contactResults)[number];
	note: string;
	createdAt: string;
}
