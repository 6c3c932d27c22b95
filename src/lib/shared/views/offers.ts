import type { WeeklyAvailability } from '../schemas/people';
import type {
	OfferKind,
	OfferRequestStatus,
	OfferStatus,
	offerVisibilities
} from '../schemas/offers';

/** An offer as the API, the pages and the sockets send it. Never a contact detail. */
export interface OfferView {
	id: string;
	kind: OfferKind;
	title: string;
	description: string;
	category: string;
	territoryId: string | null;
	territoryName: string | null;
	skillIds: string[];
	availability: WeeklyAvailability;
	capacity: number;
	acceptedCount: number;
	/** `full` when open with every unit taken; `closed` once past `until`. */
	status: OfferStatus;
	until: string | null;
	organisationId: string | null;
	organisationName: string | null;
	visibility: (typeof offerVisibilities)[number];
	authorId: string;
	authorName: string;
	createdAt: string;
	updatedAt: string;
}

/** A request for an offer, as its author and its requester see it (nobody else does). */
export interface OfferRequestView {
	id: string;
	offerId: string;
	offerTitle: string;
	needId: string | null;
	needTitle: string | null;
	requesterId: string;
	requesterName: string;
	message: string;
	status: OfferRequestStatus;
	note: string;
	/** The private channel of the offer's author and the requester, once accepted. */
	channelId: string | null;
	createdAt: string;
	decidedAt: string | null;
}
