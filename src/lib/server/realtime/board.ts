import { eq } from 'drizzle-orm';
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import { anonymousActor } from '../auth/actor';
import { db } from '../db/client';
import { DomainError } from '../errors';
import { needs, organisations, territories } from '../db/schema';
import { insidersOf } from '../needs/queries';
import { needSelection, shapeNeed } from '../needs/views';
import { idSchema } from '$lib/shared/schemas/common';
import type { SocketData } from './handshake';
import { onEvent } from './handlers';
import { rooms } from './rooms';

export const boardRooms = {
	all: 'board:all',
	territory: (id: string) => `board:t:${id}`
};

const subscribeSchema = z.object({ territoryId: idSchema.optional() });

/** `board:subscribe`: live needs of the whole network, or of one territory and everything under it. */
export function handleBoardSubscriptions(socket: Socket<never, never, never, SocketData>) {
	onEvent(socket, 'board:subscribe', subscribeSchema, async ({ territoryId }) => {
		if (territoryId) {
			const [t] = await db
				.select({ id: territories.id })
				.from(territories)
				.where(eq(territories.id, territoryId));
			if (!t) throw new DomainError('not_found');
		}
		for (const room of socket.rooms) if (room.startsWith('board:')) socket.leave(room);
		socket.join(territoryId ? boardRooms.territory(territoryId) : boardRooms.all);
		return {};
	});
	onEvent(socket, 'board:unsubscribe', z.object({}), async () => {
		for (const room of socket.rooms) if (room.startsWith('board:')) socket.leave(room);
		return {};
	});
}

/**
 * Sends a need to everyone who may see it, shaped for them. Those with a right to its details
 * (author, its organisation's members, its helpers) get the full view in their own rooms; board
 * subscribers of its territory (or above) get the public view, and only for a public need.
 * Nobody receives a field the policy keeps from them.
 */
export async function fanOutNeed(
	io: Server,
	needId: string,
	event: 'need:created' | 'need:updated'
) {
	const [row] = await db
		.select(needSelection)
		.from(needs)
		.leftJoin(territories, eq(territories.id, needs.territoryId))
		.leftJoin(organisations, eq(organisations.id, needs.organisationId))
		.where(eq(needs.id, needId));
	if (!row) return;
	const need = row.need;
	const [insiders, place] = await Promise.all([
		insidersOf([needId]),
		need.territoryId
			? db
					.select({ path: territories.path })
					.from(territories)
					.where(eq(territories.id, need.territoryId))
			: Promise.resolve([])
	]);
	const privilegedRooms = [...(insiders.get(needId) ?? [])].map(rooms.user);

	// The full view is what any privileged person sees; the public view is an outsider's.
	const insider = anonymousActor(
		need.authorId ?? '',
		new Map(need.organisationId ? [[need.organisationId, 'operator']] : [])
	);
	const outsider = anonymousActor();
	const full = shapeNeed(insider, row);
	if (privilegedRooms.length) io.to(privilegedRooms).emit(event, { need: full });
	if (need.visibility !== 'public') return;
	const publicView = shapeNeed(outsider, row);
	const ancestors = (place[0]?.path ?? '').split('/').filter(Boolean);
	const boards = [boardRooms.all, ...ancestors.map(boardRooms.territory)];
	const audience = privilegedRooms.length ? io.to(boards).except(privilegedRooms) : io.to(boards);
	audience.emit(event, { need: publicView });
}
