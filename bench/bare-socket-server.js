// The baseline of bench/fanout.js: a bare socket.io 4.8 server with the same settings as Rete's
// (buffer size, connection-state recovery) that broadcasts what it is sent to one room, storing
// nothing and checking nothing. What it broadcasts has the shape and size of Rete's message, so
// that the clients read the same bytes from both. Prints its port when listening.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Server } from 'socket.io';

const server = http.createServer();
const io = new Server(server, {
	serveClient: false,
	maxHttpBufferSize: 64 * 1024,
	connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false }
});
let seq = 0;
const AUTHOR = randomUUID();
io.on('connection', (socket) => {
	socket.on('channel:join', ({ channelId }, ack) => {
		socket.join(`channel:${channelId}`);
		ack?.({ ok: true, lastSeq: seq });
	});
	socket.on('message:send', ({ channelId, body }, ack) => {
		const message = {
			id: randomUUID(),
			channelId,
			seq: ++seq,
			authorId: AUTHOR,
			authorName: 'Persona 0',
			body,
			parentId: null,
			mentions: [],
			createdAt: new Date().toISOString(),
			editedAt: null,
			deleted: false
		};
		io.to(`channel:${channelId}`).emit('message:new', { message });
		ack?.({ ok: true, message });
	});
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => {
	io.close();
	process.exit(0);
});
