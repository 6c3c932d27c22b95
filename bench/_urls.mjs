import { api, dropDatabase, freshDatabase, load, seed, startRete } from './lib.js';
const name = `rete_urls_${process.pid}`;
const url = await freshDatabase(name);
seed(url, 10000);
const rete = await startRete(url);
const token = (
	await api(rete.origin, 'POST', '/api/v1/auth/signup', {
		body: { email: 'b@b.example', password: 'benchmark password', name: 'B' }
	})
).json.token;
const cookie = `rete_session=${token}`;
for (const [path, auth] of [
	['/healthz', false],
	['/login', false],
	['/account', true],
	['/needs', true],
	['/api/v1/needs?status=open', true]
]) {
	const headers = auth ? { cookie } : {};
	await load(`${rete.origin}${path}`, { connections: 5, durationMs: 1000, headers });
	const r = await load(`${rete.origin}${path}`, { connections: 25, durationMs: 4000, headers });
	console.log(path, r.rps.toFixed(0), 'req/s p50', r.p50.toFixed(1), 'errors', r.errors);
}
await rete.stop();
await dropDatabase(name);
