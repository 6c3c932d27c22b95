// The barrier the integration tests use to say "nothing arrived": it must catch an event that
// did arrive, however late the server sent it, as long as it came before the barrier.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSocket, recordEvents } from '../helpers/sockets';

let io: Server;
let url: string;

beforeAll(async () => {
	const http = createServer();
	io = new Server(http);
	// A fan-out that leaks: asked for the barrier, it first sends what should not have gone,
	// after a delay a sleep of a few hundred milliseconds would not wait for.
	io.on('connection', (socket) => {
		socket.on('leak then barrier', async (done: () => void) => {
			done();
			await new Promise((r) => setTimeout(r, 700));
			socket.emit('note', { secret: true });
			socket.emit('note', { barrier: true });
		});
		socket.on('barrier only', (done: () => void) => {
			done();
			socket.emit('note', { barrier: true });
		});
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
});
afterAll(() => new Promise((resolve) => io.close(resolve)));

describe('recordEvents().until', () => {
	it('answers what came before the barrier: a late leak is caught', async () => {
		const socket = await connectSocket(url);
		const notes = recordEvents(socket, 'note');
		await socket.emitWithAck('leak then barrier');
		expect(await notes.until((n) => n.barrier)).toEqual([{ secret: true }]);
		socket.close();
	});

	it('answers nothing when nothing came first', async () => {
		const socket = await connectSocket(url);
		const notes = recordEvents(socket, 'note');
		await socket.emitWithAck('barrier only');
		expect(await notes.until((n) => n.barrier)).toEqual([]);
		socket.close();
	});

	it('fails when the barrier never arrives, rather than passing', async () => {
		const socket = await connectSocket(url);
		const notes = recordEvents(socket, 'note');
		await expect(notes.until((n) => n.barrier, 300)).rejects.toThrow(/did not arrive/);
		socket.close();
	});
});
