// The baseline of bench/fanout.js: a bare socket.io 4.8 server with the same settings as Rete's
// (buffer size, connection-state recovery) that broadcasts what it is sent to one room, storing
// nothing and checking nothing. Prints its port when listening.
import http from 'node:http';
import { Server } from 'socket.io';

const server = http.createServer();
const io = new Server(server, {
	serveClient: false,
	maxHttpBufferSize: 64 * 1024,
	connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false }
});
let seq = 0;
io.on('connection', (socket) => {
	socket.on('channel:join', ({ channelId }, ack) => {
		socket.join(`channel:${channelId}`);
		ack?.({ ok: true, lastSeq: seq });
	});
	socket.on('message:send', ({ channelId, body }, ack) => {
		const message = {
			id: String(++seq),
			channelId,
			seq,
			body,
			createdAt: new Date().toISOString()
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
