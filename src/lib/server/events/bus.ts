import type { MessageView } from '$lib/shared/views/channels';
import type { NotificationView } from '$lib/shared/views/notifications';
import type { PhaseKind } from '$lib/shared/schemas/consultations';

/**
 * What happened, told after commit. Capabilities publish here; the realtime layer, notifications
 * and the access rules of `app.ts` subscribe. No capability imports socket.io.
 */
export interface DomainEvents {
	/** Sessions that stopped working: their sockets must go at once. */
	'session.revoked': { userId: string; sessionIds: string[] };
	/** A person's own account changed (name, language…): their open pages may refresh. */
	'user.updated': { userId: string };
	/** Someone joined, left, or changed role in an organisation: their rooms and views change. */
	'membership.changed': { organisationId: string; userId: string };
	/** A person's trust changed (a vouch given or withdrawn): their claims follow it. */
	'trust.changed': { userId: string };
	'organisation.reviewed': { organisationId: string; status: 'verified' | 'rejected' };
	/** Mail was queued in the outbox: the sender may deliver it now. */
	'mail.queued': Record<string, never>;
	/** A need was posted. Subscribers load it and shape it per recipient (never the raw row). */
	'need.created': { needId: string };
	/** A need changed (claim, release, expiry, completion, edit): subscribers reload and reshape it. */
	'need.updated': { needId: string };
	/** Someone started, extended or stopped doing something for a need ("calling now"). */
	'need.activity': { needId: string };
	/** Someone took a slot of a need: they join its channel. */
	'need.claimed': { needId: string; userId: string };
	/** A coordinator invited a suggested person to a need: they are told, never obliged. */
	'need.invited': { needId: string; userId: string; invitedBy: string };
	/** A helper said their claim is done, or that they could not: the need's owners are told. */
	'claim.finished': {
		needId: string;
		claimId: string;
		userId: string;
		result: 'done' | 'could_not';
	};
	/** Someone asked the holder of a claim to hand it over: the holder is told. */
	'handover.requested': { handoverId: string };
	/** A handover request was accepted, refused, approved by the clock or lapsed. */
	'handover.answered': { handoverId: string };
	/** A claim ends soon: its holder is reminded (once per expiry). */
	'claim.expiring': { claimId: string; needId: string; userId: string; expiresAt: string };
	/** A coordinator released a claim nobody had worked on for a long time: its holder is told. */
	'claim.released_stale': { claimId: string; needId: string; userId: string };
	/** A need was marked a duplicate of another: its helpers and followers are invited there. */
	'need.marked_duplicate': { needId: string; originalId: string; userIds: string[] };
	/** Someone offered help: the feed shows it to those who may see it. */
	'offer.created': { offerId: string };
	/** An offer changed (edited, paused, closed, a unit taken or given back). */
	'offer.updated': { offerId: string };
	/** Someone asked for an offer: its author is told. */
	'offer_request.created': { requestId: string };
	/** A request for an offer was accepted, declined, cancelled or done: the other side is told. */
	'offer_request.decided': { requestId: string; byId: string };
	/** A joint action was created or changed (details, dates, places, status, partners). */
	'action.updated': { actionId: string };
	/** An organisation was invited to take part, or asked to: the other side's coordinators are told. */
	'action.partner_asked': { actionId: string; organisationId: string; askedToJoin: boolean };
	/** An invitation to take part was answered: the side that asked is told. */
	'action.partner_answered': { actionId: string; organisationId: string; accepted: boolean };
	/** The action's checklist changed: pages open on it follow. */
	'action.task_changed': { actionId: string; taskId: string };
	/** Tasks past their due time: their owners are reminded (once per task). */
	'action.task_overdue': { actionId: string; taskId: string };
	/** Someone signed up or left a session: pages open on it follow the counts. */
	'session.changed': { sessionId: string; actionId: string };
	/** Someone waiting was confirmed because a place was freed: they are told at once. */
	'session.promoted': { sessionId: string; actionId: string; userId: string };
	/** A session is tomorrow: those confirmed are reminded. */
	'session.reminder': { sessionId: string; actionId: string; userIds: string[] };
	/** A consultation moved to another phase (by its dates or by hand): its followers are told. */
	'consultation.phase_changed': { consultationId: string; phase: PhaseKind };
	/** A proposal, a support, a poll or a ballot changed: pages open on the consultation follow. */
	'consultation.changed': { consultationId: string };
	/** The organisation answered a proposal: its author and supporters are told. */
	'proposal.answered': { proposalId: string };
	/** A proposal reached the consultation's threshold of supports: its author is told. */
	'proposal.threshold_reached': { proposalId: string; supports: number };
	/** A commitment of a consultation moved on (progress, a milestone): followers are told. */
	'commitment.updated': { commitmentId: string; progress: number };
	/** A message was stored (or edited, or deleted): members who joined the channel get it live. */
	'message.stored': { message: MessageView; change: 'new' | 'updated' };
	/** People named in a message: they are told, wherever they are. */
	'message.mentioned': { message: MessageView; channelName: string; userIds: string[] };
	/** Someone stopped being a member of a channel: their open sockets leave it at once. */
	'channel.left': { channelId: string; userId: string };
	/** Someone was added to a channel: their open pages may show it. */
	'channel.joined': { channelId: string; userId: string };
	/** Someone put a person into a group or an organisation: they are told, and may leave or block them. */
	'person.added': { userId: string; addedBy: string; channelId?: string; organisationId?: string };
	/** A person read a channel up to `seq`: their other tabs update the unread count. */
	'channel.read': { channelId: string; userId: string; seq: number };
	/** Someone was told something: their bell rings on every open page. */
	'notification.created': { userId: string; notification: NotificationView };
	/** Someone read notifications: their count follows on every open page. */
	'notification.read': { userId: string; unread: number };
}

type Handler<K extends keyof DomainEvents> = (payload: DomainEvents[K]) => void | Promise<void>;

const handlers = new Map<keyof DomainEvents, Set<Handler<never>>>();

export function subscribe<K extends keyof DomainEvents>(type: K, handler: Handler<K>): () => void {
	let set = handlers.get(type);
	if (!set) handlers.set(type, (set = new Set()));
	set.add(handler as Handler<never>);
	return () => set.delete(handler as Handler<never>);
}

export type PublishErrorReporter = (type: string, error: unknown) => void;
let reportError: PublishErrorReporter = () => {};

export function onPublishError(reporter: PublishErrorReporter) {
	reportError = reporter;
}

/** Tells every subscriber. A failing subscriber is reported and never fails the publisher. */
export function publish<K extends keyof DomainEvents>(type: K, payload: DomainEvents[K]) {
	for (const handler of handlers.get(type) ?? []) {
		try {
			const result = (handler as Handler<K>)(payload);
			if (result instanceof Promise) result.catch((error) => reportError(type, error));
		} catch (error) {
			reportError(type, error);
		}
	}
}
