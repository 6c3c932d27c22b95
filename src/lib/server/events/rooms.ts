/**
 * The names of the rooms live events go to: capabilities name their audience with them (see
 * `needs/audience.ts`), the realtime layer joins sockets to them and emits there.
 */
export const rooms = {
	/** Every socket of a person: what is theirs alone. */
	user: (id: string) => `user:${id}`,
	/** Every socket of one session: what ends with it. */
	session: (id: string) => `session:${id}`,
	/** The live board of the whole network. */
	boardAll: 'board:all',
	/** The live board of one territory and everything under it. */
	board: (territoryId: string) => `board:t:${territoryId}`,
	/** The sockets with a need's page open: they count as looking. */
	needWatch: (id: string) => `need:${id}`,
	/** Lists that show a need: they are told its presence, and not counted. */
	needGlance: (id: string) => `need-glance:${id}`,
	/** The sockets that joined a channel. */
	channel: (id: string) => `channel:${id}`,
	/** The sockets with an action's page open: told when it changes (the page reloads it). */
	action: (id: string) => `action:${id}`,
	/** The sockets with a consultation's pages open: told when it changes (they reload it). */
	consultation: (id: string) => `consultation:${id}`
};

/** What every room of a kind starts with. */
export const roomPrefix = {
	board: 'board:',
	needWatch: 'need:',
	needGlance: 'need-glance:',
	channel: 'channel:',
	action: 'action:',
	consultation: 'consultation:'
} as const;

/** One emission a capability's audience decides: `payload` to `rooms`, but not to those in `except`. */
export interface Delivery<P> {
	rooms: string[];
	except?: string[];
	payload: P;
}
