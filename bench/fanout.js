// Fan-out of channel messages: N socket.io clients (loopback) in one channel; for each of a few
// hundred messages, the time from send to delivery at every client (p50/p95/p99), through Rete
// (socket send → checks → stored in PostgreSQL with its sequence number → broadcast) and, in the
// same run, through a bare socket.io server broadcasting the same payload. Also: lost messages
// (must be 0), memory per idle connection of both, and the most clients each serves with p95
// under 100 ms. The servers run on core 0, the clients on core 1 (taskset), so figures are stable.
// Run: npm run bench:fanout [-- --clients 1000 --messages 300 --ramp 1000,1500,2000,2500,3000]
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { io as connect } from 'socket.io-client';
import { dropDatabase, freePort, freshDatabase, percentile } from './lib.js';

const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i === -1 ? fallback : process.argv[i + 1];
};
const CLIENTS = Number(arg('clients', 1000));
const MESSAGES = Number(arg('messages', 300));
const RAMP = String(arg('ramp', '1000,1500,2000,2500,3000,3500'))
	.split(',')
	.map(Number)
	.filter(Boolean);
const MAX = Math.max(CLIENTS, ...RAMP);
const INTERVAL_MS = Number(arg('interval', 50));

const pin = (core) =>
	spawnSync('taskset', ['-V']).status === 0 ? ['taskset', '-c', String(core)] : [];
// The clients of this process on core 1 (the servers get core 0).
if (pin(1).length) spawnSync('taskset', ['-p', '-c', '1', String(process.pid)]);

function start(command, args, env) {
	const [bin, ...rest] = [...pin(0), command, ...args];
	return spawn(bin, rest, {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'inherit']
	});
}

const rssKb = (pid) =>
	Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

/** A Rete server on a fresh database with MAX people in one group channel, and their tokens. */
async function startRete() {
	const name = `rete_bench_fanout_${process.pid}`;
	const url = await freshDatabase(name);
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const child = start(process.execPath, ['server.js'], {
		DATABASE_URL: url,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: origin,
		RATE_LIMIT_DISABLED: '1',
		LOG_LEVEL: 'warn'
	});
	for (let i = 0; i < 300; i++) {
		try {
			if ((await fetch(`${origin}/healthz`)).ok) break;
		} catch {
			// starting
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	// People, sessions and membership written directly: signing up 3,000 people through argon2
	// would only time the password hash.
	const sql = postgres(url, { max: 2, onnotice: () => {} });
	const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
	const tokens = Array.from({ length: MAX + 1 }, () =>
		Array.from(randomBytes(32), (b) => alphabet[b % 32]).join('')
	);
	await sql`insert into network (id, name) values (1, 'Bench') on conflict do nothing`;
	const users = await sql`
		insert into users (email, name, password_hash)
		select 'p' || g || '@bench.example', 'Persona ' || g, 'x' from generate_series(0, ${MAX}) g
		returning id`;
	const [channel] =
		await sql`insert into channels (kind, name, created_by) values ('group', 'Fan-out', ${users[0].id}) returning id`;
	const rows = users.map((u, i) => ({
		id: createHash('sha256').update(tokens[i]).digest('hex'),
		user_id: u.id,
		expires_at: new Date(Date.now() + 86_400_000)
	}));
	for (let i = 0; i < rows.length; i += 1000)
		await sql`insert into sessions ${sql(rows.slice(i, i + 1000))}`;
	const members = users.map((u) => ({ channel_id: channel.id, user_id: u.id }));
	for (let i = 0; i < members.length; i += 1000)
		await sql`insert into channel_members ${sql(members.slice(i, i + 1000))}`;
	await sql.end();
	return {
		label: 'Rete',
		url: origin,
		databaseUrl: url,
		pid: child.pid,
		channelId: channel.id,
		auth: (i) => ({ token: tokens[i] }),
		stop: async () => {
			await new Promise((r) => {
				child.once('exit', r);
				child.kill('SIGTERM');
			});
			await dropDatabase(name);
		}
	};
}

async function startBare() {
	const child = start(process.execPath, ['bench/bare-socket-server.js'], {});
	const port = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(Number(d))));
	return {
		label: 'bare socket.io',
		url: `http://127.0.0.1:${port}`,
		pid: child.pid,
		channelId: randomUUID(),
		auth: () => ({}),
		stop: () =>
			new Promise((r) => {
				child.once('exit', r);
				child.kill('SIGTERM');
			})
	};
}

function ask(socket, event, payload) {
	return new Promise((resolve) =>
		socket.timeout(30_000).emit(event, payload, (e, a) => resolve(e ? { ok: false } : a))
	);
}

/** `count` clients connected and joined (index 0 is the sender), in batches. */
async function connectClients(server, count, from = 0) {
	const clients = [];
	for (let i = from; i < from + count; i += 100) {
		const batch = await Promise.all(
			Array.from({ length: Math.min(100, from + count - i) }, async (_, k) => {
				const socket = connect(server.url, {
					auth: server.auth(i + k),
					transports: ['websocket'],
					reconnection: false,
					forceNew: true
				});
				await new Promise((resolve, reject) => {
					socket.once('connect', resolve);
					socket.once('connect_error', reject);
				});
				const joined = await ask(socket, 'channel:join', { channelId: server.channelId });
				if (!joined.ok) throw new Error(`join refused: ${JSON.stringify(joined)}`);
				return socket;
			})
		);
		clients.push(...batch);
	}
	return clients;
}

/** Sends `messages` messages from clients[0], one every INTERVAL_MS; latencies at every client. */
async function measure(server, clients, messages) {
	const sentAt = new Map();
	const latencies = [];
	let received = 0;
	const marker = `${server.label}-${Date.now()}-`;
	const onMessage = ({ message }) => {
		if (!message.body.startsWith(marker)) return;
		const t0 = sentAt.get(message.body);
		if (t0 !== undefined) latencies.push(performance.now() - t0);
		received++;
	};
	for (const c of clients) c.on('message:new', onMessage);
	const sender = clients[0];
	for (let i = 0; i < messages; i++) {
		const body = `${marker}${i}`;
		sentAt.set(body, performance.now());
		sender.emit('message:send', { channelId: server.channelId, body });
		await new Promise((r) => setTimeout(r, INTERVAL_MS));
	}
	const expected = messages * clients.length;
	const deadline = Date.now() + 15_000;
	while (received < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
	for (const c of clients) c.off('message:new', onMessage);
	return {
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95),
		p99: percentile(latencies, 99),
		lost: expected - received
	};
}

const settle = () => new Promise((r) => setTimeout(r, 3000));

/** Rete's PostgreSQL backends go on the servers' core too: the clients' core is theirs alone. */
async function pinDatabase(server) {
	if (!server.databaseUrl || !pin(0).length) return;
	const sql = postgres(server.databaseUrl, { max: 1, onnotice: () => {} });
	const rows = await sql`select pid from pg_stat_activity where datname = current_database()`;
	await sql.end();
	for (const { pid } of rows) spawnSync('taskset', ['-p', '-c', '0', String(pid)]);
}
const fmt = (r) =>
	`p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, lost ${r.lost}`;

async function run(server) {
	// The first hundred warm the server up (code paths, pools); memory is measured over the rest.
	let clients = await connectClients(server, 100);
	await settle();
	const before = rssKb(server.pid);
	clients = clients.concat(await connectClients(server, CLIENTS - 100, 100));
	await settle();
	const perConnectionKb = (rssKb(server.pid) - before) / (CLIENTS - 100);
	await pinDatabase(server);
	await measure(server, clients, 30); // warm-up (JIT, connection pools), not counted
	const main = await measure(server, clients, MESSAGES);
	// The ramp: more clients until p95 passes 100 ms. Where it crosses 100 ms is estimated by
	// linear interpolation between the last step under and the first step over.
	let capacity = 0;
	let crossing = null;
	let below = null;
	for (const n of RAMP) {
		if (n > clients.length)
			clients = clients.concat(await connectClients(server, n - clients.length, clients.length));
		await settle();
		const r = await measure(server, clients.slice(0, n), 100);
		console.log(`  ${server.label}, ${n} clients: ${fmt(r)}`);
		if (r.p95 >= 100 || r.lost) {
			if (below) crossing = below.n + ((n - below.n) * (100 - below.p95)) / (r.p95 - below.p95);
			break;
		}
		capacity = n;
		below = { n, p95: r.p95 };
	}
	for (const c of clients) c.close();
	return { main, perConnectionKb, capacity, crossing };
}

const results = {};
for (const make of [startBare, startRete]) {
	const server = await make();
	try {
		results[server.label] = await run(server);
	} finally {
		await server.stop();
	}
}
const rete = results['Rete'];
const bare = results['bare socket.io'];
console.log(`\nfan-out to ${CLIENTS} clients, ${MESSAGES} messages, one every ${INTERVAL_MS} ms`);
console.log(`Rete (stored in PostgreSQL): ${fmt(rete.main)}`);
console.log(`bare socket.io broadcast:    ${fmt(bare.main)}`);
console.log(
	`ratio p95 Rete / bare: ${(rete.main.p95 / bare.main.p95).toFixed(2)}x; goal: Rete p95 ≤ 1.5 × bare + 5 ms = ${(1.5 * bare.main.p95 + 5).toFixed(1)} ms → ${rete.main.p95 <= 1.5 * bare.main.p95 + 5 ? 'met' : 'NOT met'}`
);
console.log(
	`memory per idle connection: Rete ${rete.perConnectionKb.toFixed(1)} KB, bare ${bare.perConnectionKb.toFixed(1)} KB`
);
console.log(
	`most clients with p95 < 100 ms (steps ${RAMP.join(', ')}): Rete ${rete.capacity}, bare ${bare.capacity}, ratio ${bare.capacity ? (rete.capacity / bare.capacity).toFixed(2) : 'n/a'}x`
);
if (rete.crossing && bare.crossing)
	console.log(
		`p95 crosses 100 ms at about: Rete ${rete.crossing.toFixed(0)} clients, bare ${bare.crossing.toFixed(0)} clients, ratio ${(rete.crossing / bare.crossing).toFixed(2)}x (goal ≥ 0.8x)`
	);
process.exit(0);
