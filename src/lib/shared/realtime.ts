import type { OfferView } from './views/offers';
import type { z } from 'zod';
import type { AnswerCode } from './errors';
import type { NeedPresence } from './presence';
import type {
	channelRefSchema,
	presenceSchema,
	socketReadSchema,
	socketSendSchema
} from './schemas/channels';
import type { actionRefSchema } from './schemas/actions';
import type { consultationRefSchema } from './schemas/consultations';
import type { glanceNeedsSchema, watchNeedSchema } from './schemas/presence';
import type { ChannelView, MessageView, Presence } from './views/channels';
import type { NeedView } from './views/needs';
import type { NotificationView } from './views/notifications';

/**
 * The socket.io contract between the server and the browser, both ways: the server's `Server`
 * and the client's `Socket` are typed by these, so an event's name or payload cannot drift.
 */

/** Every answer to a client's event: its data, or the API's error shape in the socket's language. */
export type Ack<T extends object = object> =
	| ({ ok: true } & T)
	| { ok: false; error: { code: AnswerCode; message: string; fields?: Record<string, string> } };

type Input<S extends z.ZodType> = z.input<S>;
/** An event the client sends; the ack is optional (the server answers only when asked). */
type Call<S extends z.ZodType, T extends object = object> = (
	payload: Input<S>,
	ack?: (answer: Ack<T>) => void
) => void;

export interface ClientToServerEvents {
	'board:subscribe': (payload: { territoryId?: string }, ack?: (answer: Ack) => void) => void;
	'board:unsubscribe': (payload: Record<string, never>, ack?: (answer: Ack) => void) => void;
	'channel:join': Call<
		typeof channelRefSchema,
		{ lastSeq: number; presence: Record<string, Presence> }
	>;
	'channel:leave': Call<typeof channelRefSchema>;
	'channel:read': Call<typeof socketReadSchema, { lastReadSeq: number; unread: number }>;
	'message:send': Call<typeof socketSendSchema, { message: MessageView }>;
	typing: Call<typeof channelRefSchema>;
	'presence:set': Call<typeof presenceSchema>;
	'need:watch': Call<typeof watchNeedSchema, { presence: NeedPresence | null }>;
	'need:unwatch': Call<typeof watchNeedSchema>;
	'needs:glance': Call<typeof glanceNeedsSchema, { presence: NeedPresence[] }>;
	'action:watch': Call<typeof actionRefSchema>;
	'action:unwatch': Call<typeof actionRefSchema>;
	'consultation:watch': Call<typeof consultationRefSchema>;
	'consultation:unwatch': Call<typeof consultationRefSchema>;
}

/** What the server answers to a client's event: its `Ack`. */
export type AnswerTo<E extends keyof ClientToServerEvents> = Parameters<
	NonNullable<Parameters<ClientToServerEvents[E]>[1]>
>[0];

export interface ServerToClientEvents {
	/** A need as this recipient may see it (see the needs capability's audience). */
	'need:created': (payload: { need: NeedView }) => void;
	'need:updated': (payload: { need: NeedView }) => void;
	'need:presence': (payload: NeedPresence) => void;
	/** An offer as everyone who may see it sees it (see the offers capability's audience). */
	'offer:created': (payload: { offer: OfferView }) => void;
	'offer:updated': (payload: { offer: OfferView }) => void;
	'message:new': (payload: { message: MessageView }) => void;
	'message:updated': (payload: { message: MessageView }) => void;
	'mention:new': (payload: { message: MessageView; channelName: string }) => void;
	'channel:added': (payload: { channelId: ChannelView['id'] }) => void;
	'channel:removed': (payload: { channelId: ChannelView['id'] }) => void;
	'channel:read': (payload: { channelId: string; seq: number }) => void;
	presence: (payload: { changes: { userId: string; status: Presence }[] }) => void;
	typing: (payload: { channelId: string; userId: string; name: string }) => void;
	'notification:new': (payload: { notification: NotificationView }) => void;
	'notification:count': (payload: { unread: number }) => void;
	/** An action changed (its checklist, sessions, partners…): the page reloads what it shows. */
	'action:changed': (payload: { actionId: string }) => void;
	/** A consultation changed (a proposal, a support, a ballot, its phase): pages reload it. */
	'consultation:changed': (payload: { consultationId: string }) => void;
}
