import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDateTime } from './format';
import type { notificationKinds } from './schemas/notifications';
import type { AnswerState, PhaseKind } from './schemas/consultations';
import { answerStateName, phaseName } from './consultation-text';

type Locale = 'it' | 'en';

export interface NotificationLike {
	kind: (typeof notificationKinds)[number];
	data: Record<string, string>;
}

/**
 * A notification in plain words, and where it leads: the same sentence in the bell, on the
 * notifications page and as an e-mail's subject (in the recipient's language there).
 */
export function describe(
	n: NotificationLike,
	locale?: Locale
): { text: string; href: `/${string}` } {
	const options = locale ? { locale } : undefined;
	const d = n.data;
	const need = `/needs/${d.needId}` as const;
	const action = `/actions/${d.actionId}` as const;
	const consultation = `/consultations/${d.consultationId}` as const;
	switch (n.kind) {
		case 'claim_on_my_need':
			return { text: m.notification_claim({ who: d.who, title: d.title }, options), href: need };
		case 'claim_finished': {
			const text =
				d.result === 'done'
					? m.notification_claim_finished_done
					: m.notification_claim_finished_could_not;
			return { text: text({ who: d.who, title: d.title }, options), href: need };
		}
		case 'mention':
			return {
				text: m.notification_mention({ who: d.who, channel: d.channelName }, options),
				href: `/channels/${d.channelId}`
			};
		case 'duplicate_marked':
			// Without the original (not one's to see): the request one followed was closed.
			if (!d.originalId)
				return { text: m.notification_duplicate_closed({ title: d.title }, options), href: need };
			return {
				text: m.notification_duplicate({ title: d.title }, options),
				href: `/needs/${d.originalId}`
			};
		case 'handover_requested':
			// Another organisation asks for a person both follow: the talk is in their joint channel.
			if (d.channelId)
				return {
					text: m.notification_person_handover(
						{
							who: d.who,
							title: ((locale ?? getLocale()) === 'en' ? d.categoryEn : d.categoryIt) ?? d.title
						},
						options
					),
					href: `/channels/${d.channelId}`
				};
			return {
				text: m.notification_handover_requested({ who: d.who, title: d.title }, options),
				href: need
			};
		case 'handover_answered':
			return {
				text: handoverAnswer(d.answer, d.title, options),
				href: need
			};
		case 'claim_expiring':
			return { text: m.notification_claim_expiring({ title: d.title }, options), href: need };
		case 'stale_claim_released':
			return { text: m.notification_stale_released({ title: d.title }, options), href: need };
		// Put somewhere without being asked: the page there offers to leave, the list to block.
		case 'added_to_group':
			return {
				text: m.notification_added_to_group({ who: d.who, channel: d.channelName }, options),
				href: `/channels/${d.channelId}`
			};
		case 'added_to_organisation':
			return {
				text: m.notification_added_to_organisation(
					{ who: d.who, organisation: d.organisationName },
					options
				),
				href: `/organisations/${d.organisationId}`
			};
		case 'offer_requested':
			return {
				text: m.notification_offer_requested({ who: d.who, title: d.title }, options),
				href: `/offers/${d.offerId}`
			};
		case 'offer_request_answered':
			return { text: offerAnswer(d.status, d.title, options), href: `/offers/${d.offerId}` };
		// A coordinator thinks one could help: an invitation, never an obligation.
		case 'invited_to_need':
			return { text: m.notification_invited({ who: d.who, title: d.title }, options), href: need };
		case 'action_partner_asked': {
			const text =
				d.asked === 'join' ? m.notification_action_asks_to_join : m.notification_action_invited;
			return {
				text: text({ organisation: d.organisationName, title: d.title }, options),
				href: action
			};
		}
		case 'action_partner_answered': {
			const text =
				d.answer === 'accepted'
					? m.notification_action_partner_accepted
					: m.notification_action_partner_declined;
			return {
				text: text({ organisation: d.organisationName, title: d.title }, options),
				href: action
			};
		}
		case 'action_task_overdue':
			return {
				text: m.notification_action_task_overdue({ task: d.task, title: d.title }, options),
				href: action
			};
		// A place freed up: confirmed without asking again.
		case 'session_confirmed':
			return {
				text: m.notification_session_confirmed(
					{ title: d.title, when: formatDateTime(d.when, locale ?? getLocale()), place: d.place },
					options
				),
				href: action
			};
		case 'session_reminder':
			return {
				text: m.notification_session_reminder(
					{ title: d.title, when: formatDateTime(d.when, locale ?? getLocale()), place: d.place },
					options
				),
				href: action
			};
		case 'consultation_phase':
			return {
				text: m.notification_consultation_phase(
					{ title: d.title, phase: phaseName(d.phase as PhaseKind, options) },
					options
				),
				href: consultation
			};
		case 'proposal_answered':
			return {
				text: m.notification_proposal_answered(
					{ title: d.title, state: answerStateName(d.state as AnswerState, options) },
					options
				),
				href: `/consultations/${d.consultationId}/proposals/${d.proposalId}`
			};
		case 'proposal_threshold':
			return {
				text: m.notification_proposal_threshold({ title: d.title, supports: d.supports }, options),
				href: `/consultations/${d.consultationId}/proposals/${d.proposalId}`
			};
		case 'commitment_progress':
			return {
				text: m.notification_commitment_progress({ title: d.title, progress: d.progress }, options),
				href: consultation
			};
	}
}

function offerAnswer(status: string, title: string, options?: { locale: Locale }) {
	switch (status) {
		case 'accepted':
			return m.notification_offer_accepted({ title }, options);
		case 'declined':
			return m.notification_offer_declined({ title }, options);
		case 'done':
			return m.notification_offer_done({ title }, options);
		default:
			return m.notification_offer_cancelled({ title }, options);
	}
}

function handoverAnswer(answer: string, title: string, options?: { locale: Locale }) {
	switch (answer) {
		case 'accepted':
			return m.notification_handover_accepted({ title }, options);
		case 'refused':
			return m.notification_handover_refused({ title }, options);
		case 'auto_approved':
			return m.notification_handover_auto_approved({ title }, options);
		default:
			return m.notification_handover_lapsed({ title }, options);
	}
}
