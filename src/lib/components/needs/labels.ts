import { m } from '$lib/paraglide/messages';

const urgencies = {
	low: () => m.urgency_low(),
	normal: () => m.urgency_normal(),
	high: () => m.urgency_high(),
	critical: () => m.urgency_critical()
};
const statuses = {
	open: () => m.status_open(),
	in_progress: () => m.status_in_progress(),
	fulfilled: () => m.status_fulfilled(),
	closed: () => m.status_closed()
};

export const urgencyLabel = (u: keyof typeof urgencies) => urgencies[u]();
export const statusLabel = (s: keyof typeof statuses) => statuses[s]();
export const urgencyOptions = () =>
	(Object.keys(urgencies) as (keyof typeof urgencies)[]).map((u) => ({
		value: u,
		label: urgencyLabel(u)
	}));

/** A category's label in the page's language. */
export function categoryLabel(
	categories: { id: string; labelIt: string; labelEn: string }[],
	id: string,
	locale: string
) {
	const c = categories.find((x) => x.id === id);
	return c ? (locale === 'en' ? c.labelEn : c.labelIt) : id;
}

const outcomes = {
	done: () => m.outcome_done(),
	done_by_others: () => m.outcome_done_by_others(),
	no_longer_needed: () => m.outcome_no_longer_needed(),
	duplicate: () => m.outcome_duplicate(),
	unreachable: () => m.outcome_unreachable()
};
export const outcomeLabel = (o: keyof typeof outcomes) => outcomes[o]();
export const outcomeOptions = () =>
	(Object.keys(outcomes) as (keyof typeof outcomes)[]).map((o) => ({
		value: o,
		label: outcomes[o]()
	}));

const means = {
	call: () => m.contact_means_call(),
	visit: () => m.contact_means_visit(),
	message: () => m.contact_means_message()
};
const results = {
	reached: () => m.contact_result_reached(),
	no_answer: () => m.contact_result_no_answer(),
	wrong_number: () => m.contact_result_wrong_number(),
	refused: () => m.contact_result_refused()
};
export const contactMeansLabel = (v: keyof typeof means) => means[v]();
export const contactResultLabel = (v: keyof typeof results) => results[v]();
export const contactMeansOptions = () =>
	(Object.keys(means) as (keyof typeof means)[]).map((v) => ({ value: v, label: means[v]() }));
export const contactResultOptions = () =>
	(Object.keys(results) as (keyof typeof results)[]).map((v) => ({
		value: v,
		label: results[v]()
	}));

const history: Record<string, (who: string) => string> = {
	contact_logged: (who) => m.history_contact_logged({ who }),
	posted: (who) => m.history_posted({ who }),
	posted_despite_duplicates: (who) => m.history_posted_despite_duplicates({ who }),
	edited: (who) => m.history_edited({ who }),
	claimed: (who) => m.history_claimed({ who }),
	extended: (who) => m.history_extended({ who }),
	released: (who) => m.history_released({ who }),
	expired: () => m.history_expired(),
	completed: (who) => m.history_completed({ who }),
	claim_done: (who) => m.history_claim_done({ who }),
	claim_could_not: (who) => m.history_claim_could_not({ who }),
	fulfilled_by_helpers: () => m.history_fulfilled_by_helpers(),
	handover_requested: (who) => m.history_handover_requested({ who }),
	handover_accepted: (who) => m.history_handover_accepted({ who }),
	handover_refused: (who) => m.history_handover_refused({ who }),
	handover_auto_approved: () => m.history_handover_auto_approved(),
	handover_lapsed: () => m.history_handover_lapsed(),
	stale_released: (who) => m.history_stale_released({ who }),
	marked_duplicate: (who) => m.history_marked_duplicate({ who }),
	duplicate_attached: (who) => m.history_duplicate_attached({ who })
};

const handoverStatuses = {
	pending: () => m.handover_status_pending(),
	accepted: () => m.handover_status_accepted(),
	refused: () => m.handover_status_refused(),
	auto_approved: () => m.handover_status_auto_approved(),
	lapsed: () => m.handover_status_lapsed()
};
export const handoverStatusLabel = (v: keyof typeof handoverStatuses) => handoverStatuses[v]();
/** A line of a need's history in plain words. */
export const historyLabel = (action: string, who: string | null) =>
	(history[action] ?? (() => action))(who ?? m.history_someone());
