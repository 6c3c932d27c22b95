import { z } from 'zod';
import { DomainError } from '../errors';
import { roomPrefix, rooms } from '../events/rooms';
import { listTerritories } from '../territories/service';
import { idSchema } from '$lib/shared/schemas/common';
import { onEvent } from './handlers';
import type { RealtimeSocket } from './types';

const subscribeSchema = z.object({ territoryId: idSchema.optional() });

const leaveBoards = (socket: RealtimeSocket) => {
	for (const room of socket.rooms) if (room.startsWith(roomPrefix.board)) socket.leave(room);
};

/** `board:subscribe`: live needs of the whole network, or of one territory and everything under it. */
export function handleBoardSubscriptions(socket: RealtimeSocket) {
	onEvent(socket, 'board:subscribe', subscribeSchema, async ({ territoryId }) => {
		// The territories' own (cached) list: the transport reads no capability's tables.
		if (territoryId && !(await listTerritories()).some((t) => t.id === territoryId))
			throw new DomainError('not_found');
		leaveBoards(socket);
		socket.join(territoryId ? rooms.board(territoryId) : rooms.boardAll);
		return {};
	});
	onEvent(socket, 'board:unsubscribe', z.object({}), async () => {
		leaveBoards(socket);
		return {};
	});
}
