import { m } from '$lib/paraglide/messages';
import type { OfferKind, OfferRequestStatus, OfferStatus } from '$lib/shared/schemas/offers';

const kinds: Record<OfferKind, () => string> = {
	time: m.offer_kind_time,
	skill: m.offer_kind_skill,
	goods: m.offer_kind_goods,
	space: m.offer_kind_space,
	transport: m.offer_kind_transport
};
const statuses: Record<OfferStatus, () => string> = {
	open: m.offer_status_open,
	paused: m.offer_status_paused,
	full: m.offer_status_full,
	closed: m.offer_status_closed
};
const requestStatuses: Record<OfferRequestStatus, () => string> = {
	pending: m.offer_request_pending,
	accepted: m.offer_request_accepted,
	declined: m.offer_request_declined,
	cancelled: m.offer_request_cancelled,
	done: m.offer_request_done
};

export const offerKindLabel = (k: OfferKind) => kinds[k]();
export const offerStatusLabel = (s: OfferStatus) => statuses[s]();
export const offerRequestStatusLabel = (s: OfferRequestStatus) => requestStatuses[s]();
export const offerKindOptions = () =>
	(Object.keys(kinds) as OfferKind[]).map((k) => ({ value: k, label: offerKindLabel(k) }));

const history: Record<string, () => string> = {
	posted: m.offer_history_posted,
	edited: m.offer_history_edited,
	paused: m.offer_history_paused,
	reopened: m.offer_history_reopened,
	closed: m.offer_history_closed,
	ended: m.offer_history_ended,
	requested: m.offer_history_requested,
	accepted: m.offer_history_accepted,
	declined: m.offer_history_declined,
	cancelled: m.offer_history_cancelled,
	done: m.offer_history_done
};

/** What happened to an offer, as the end of a sentence ("… asked for it"). */
export const offerHistoryLabel = (action: string) => (history[action] ?? m.offer_history_edited)();
