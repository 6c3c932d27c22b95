import { describe, expect, it } from 'vitest';
import { goodPassword, uniqueEmail, useServer } from '../helpers/server';

// A seeded generator: a failure can be replayed with the same seed.
function random(seed: number) {
	return () => {
		seed = (seed * 1664525 + 1013904223) % 4294967296;
		return seed / 4294967296;
	};
}

const endpoints = [
	['POST', '/api/v1/auth/signup'],
	['POST', '/api/v1/auth/login'],
	['POST', '/api/v1/auth/logout'],
	['GET', '/api/v1/me'],
	['POST', '/api/v1/me'],
	['PUT', '/api/v1/auth/login'],
	['DELETE', '/api/v1/auth/signup'],
	['GET', '/api/v1/unknown/../../etc/passwd'],
	['POST', '/api/v1/%ZZ'],
	['PATCH', '/api/v1/auth/logout']
] as const;

function malformedBody(next: () => number): string {
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
	const values = [
		null,
		true,
		0,
		-1,
		1e308,
		'',
		' ',
		'\u0000',
		'x'.repeat(5000),
		'<script>alert(1)</script>',
		"Robert'); DROP TABLE users;--",
		[],
		{},
		{ $ne: null },
		'ñ€😀',
		'a@b',
		'@',
		'é@é.é'
	];
	const keys = ['email', 'password', 'name', 'locale', '__proto__', 'constructor', 'token', ''];
	switch (Math.floor(next() * 6)) {
		case 0: // broken JSON
			return pick([
				'{',
				'{"email":',
				'[1,2',
				'"unterminated',
				'{"a":1,}',
				'nul',
				'{}}',
				'\u0000{}'
			]);
		case 1: // valid JSON of the wrong shape
			return JSON.stringify(pick(values));
		case 2: {
			const body: Record<string, unknown> = {};
			for (let i = 0; i < 1 + next() * 5; i++) body[pick(keys)] = pick(values);
			return JSON.stringify(body);
		}
		case 3: // random bytes
			return Array.from({ length: Math.floor(next() * 200) }, () =>
				String.fromCharCode(Math.floor(next() * 0xffff))
			).join('');
		case 4: // deep nesting
			return '['.repeat(2000) + ']'.repeat(2000);
		default:
			return JSON.stringify({ email: pick(values), password: pick(values), name: pick(values) });
	}
}

describe('robustness', () => {
	const ctx = useServer();

	it('400 random malformed requests produce no 5xx, and every /api answer is JSON', async () => {
		const next = random(20261126);
		const contentTypes = [
			'application/json',
			'text/plain',
			'application/x-www-form-urlencoded',
			'multipart/form-data',
			'',
			'application/json; charset=latin1'
		];
		const statuses: Record<number, number> = {};
		for (let i = 0; i < 400; i++) {
			const [method, path] = endpoints[Math.floor(next() * endpoints.length)];
			const headers: Record<string, string> = {};
			const type = contentTypes[Math.floor(next() * contentTypes.length)];
			if (type) headers['content-type'] = type;
			if (next() < 0.3)
				headers.authorization =
					next() < 0.5 ? 'Bearer ' : `Bearer ${'z'.repeat(Math.floor(next() * 80))}`;
			if (next() < 0.2) headers.cookie = `rete_session=${'q'.repeat(32)}`;
			if (next() < 0.2) headers.origin = ctx.server.url;
			const res = await fetch(`${ctx.server.url}${path}`, {
				method,
				headers,
				body: method === 'GET' ? undefined : malformedBody(next),
				redirect: 'manual'
			});
			const text = await res.text();
			statuses[res.status] = (statuses[res.status] ?? 0) + 1;
			expect(res.status, `${method} ${path} → ${res.status}: ${text.slice(0, 200)}`).toBeLessThan(
				500
			);
			// An undecodable path (%ZZ) is refused by SvelteKit before any route: a 400 all the same.
			if (path.startsWith('/api/') && !path.includes('%ZZ')) {
				expect(
					() => JSON.parse(text),
					`${method} ${path} answered non-JSON: ${text.slice(0, 100)}`
				).not.toThrow();
			}
		}
		// Nothing was created by all that.
		const me = await ctx.call('POST', '/api/v1/auth/signup', {
			body: { email: uniqueEmail(), password: goodPassword, name: 'After the storm' }
		});
		expect(me.status).toBe(201);
		expect(me.json.user.isAdmin).toBe(true);
		expect(
			Object.keys(statuses)
				.map(Number)
				.every((s) => s < 500)
		).toBe(true);
	});
});

describe('robustness of the coordination calls, signed in', () => {
	const ctx = useServer();

	it('300 malformed calls on needs, claims, handovers, activities and settings produce no 5xx', async () => {
		const author = await ctx.call('POST', '/api/v1/auth/signup', {
			body: { email: uniqueEmail('fuzz-a'), password: goodPassword, name: 'Autrice' }
		});
		const helper = await ctx.call('POST', '/api/v1/auth/signup', {
			body: { email: uniqueEmail('fuzz-h'), password: goodPassword, name: 'Aiutante' }
		});
		const need = await ctx.call('POST', '/api/v1/needs', {
			token: author.json.token,
			body: { title: 'Spesa', description: 'Pane e latte', category: 'food' }
		});
		const needId = need.json.need.id;
		await ctx.call('POST', `/api/v1/needs/${needId}/claims`, {
			token: helper.json.token,
			body: {}
		});
		const ids = [
			needId,
			crypto.randomUUID(),
			'nope',
			'%00',
			'00000000-0000-0000-0000-000000000000'
		];
		const paths = (id: string) =>
			[
				['POST', `/api/v1/needs/${id}/handovers`],
				['GET', `/api/v1/needs/${id}/handovers`],
				['POST', `/api/v1/handovers/${id}/answer`],
				['POST', `/api/v1/needs/${id}/claims/${id}/release`],
				['POST', `/api/v1/needs/${id}/activity`],
				['DELETE', `/api/v1/needs/${id}/activity`],
				['POST', `/api/v1/needs/${id}/person-handover`],
				['POST', `/api/v1/needs/${id}/complete`],
				['POST', `/api/v1/needs/${id}/contacts`],
				['PUT', '/api/v1/me/notification-settings'],
				['POST', '/api/v1/notifications/read']
			] as const;
		const next = random(6);
		const shapes = [
			() => malformedBody(next),
			() => JSON.stringify({ reason: 'x'.repeat(Math.floor(next() * 700)), claimId: 'nope' }),
			() => JSON.stringify({ accept: 'yes', note: 5 }),
			() => JSON.stringify({ kind: 'dancing' }),
			() => JSON.stringify({ kinds: ['mention', 42] }),
			() => JSON.stringify({ outcome: 'duplicate', duplicateOf: `https://x/needs/${needId}` }),
			() => JSON.stringify({ reason: 'Una buona ragione', organisationId: '' })
		];
		for (let i = 0; i < 300; i++) {
			const list = paths(ids[Math.floor(next() * ids.length)]);
			const [method, path] = list[Math.floor(next() * list.length)];
			const token = next() < 0.5 ? author.json.token : helper.json.token;
			const res = await fetch(`${ctx.server.url}${path}`, {
				method,
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
				body: method === 'GET' ? undefined : shapes[Math.floor(next() * shapes.length)]()
			});
			const text = await res.text();
			expect(res.status, `${method} ${path} → ${res.status}: ${text.slice(0, 200)}`).toBeLessThan(
				500
			);
		}
	});
});

describe('rate limits over HTTP', () => {
	const ctx = useServer({ RATE_LIMIT_DISABLED: '', RATE_LIMIT_SIGNUP_IP: '3/60' });

	it('after 5 failed logins a new client waits: 429 rate_limited with retry-after', async () => {
		const call = ctx.call;
		const email = uniqueEmail();
		await call('POST', '/api/v1/auth/signup', {
			body: { email, password: goodPassword, name: 'Bea' }
		});
		for (let i = 0; i < 5; i++) {
			const res = await call('POST', '/api/v1/auth/login', {
				body: { email, password: `nope nope ${i}` }
			});
			expect(res.status).toBe(401);
		}
		const locked = await call('POST', '/api/v1/auth/login', {
			body: { email, password: goodPassword }
		});
		expect(locked.status).toBe(429);
		expect(locked.json.error.code).toBe('rate_limited');
		expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
	});

	it('signups per address are limited (configured here to 3 an hour)', async () => {
		const call = ctx.call;
		const statuses = [];
		for (let i = 0; i < 4; i++) {
			const res = await call('POST', '/api/v1/auth/signup', {
				body: { email: uniqueEmail(), password: goodPassword, name: 'Ciro' }
			});
			statuses.push(res.status);
		}
		// One signup was spent by the test above.
		expect(statuses).toEqual([201, 201, 429, 429]);
	});
});

describe('inputs PostgreSQL cannot store, and cursors we never wrote', () => {
	const ctx = useServer({ LOG_LEVEL: 'debug' });

	it('a NUL character anywhere is 400 invalid_input naming the field, never a 5xx or a logged parameter', async () => {
		const signup = await ctx.call('POST', '/api/v1/auth/signup', {
			body: { email: 'nul@example.org', password: 'correct horse battery', name: 'Z\u0000' }
		});
		expect(signup.status).toBe(400);
		expect(signup.json.error.fields).toHaveProperty('name');
		const token = (
			await ctx.call('POST', '/api/v1/auth/signup', {
				body: { email: 'nul2@example.org', password: 'correct horse battery', name: 'Zeta' }
			})
		).json.token;
		for (const path of [
			'/api/v1/organisations?q=%00',
			'/api/v1/needs?category=%00',
			'/api/v1/needs?q=a%00b'
		]) {
			const res = await ctx.call('GET', path, { token });
			expect(res.status, path).toBe(400);
		}
		const page = await fetch(`${ctx.server.url}/organisations?q=%00`);
		expect(page.status).toBe(200);
		// Half a surrogate pair is valid JSON and not valid UTF-8: PostgreSQL refused to store
		// one in a need's closing note (found by the generated calls), a 500 until refused here.
		const lone = await fetch(`${ctx.server.url}/api/v1/needs`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: '{"title":"Spesa","description":"Pane \\udfff e latte","category":"food"}'
		});
		expect(lone.status).toBe(400);
		expect((await lone.json()).error.fields).toHaveProperty('description');
		expect(ctx.server.output()).not.toContain('$argon2id$');
		expect(ctx.server.output()).not.toContain('nul@example.org');
	});

	it('a forged cursor is 400, not 500', async () => {
		const token = (
			await ctx.call('POST', '/api/v1/auth/signup', {
				body: { email: 'cursor@example.org', password: 'correct horse battery', name: 'Cursore' }
			})
		).json.token;
		const forged = (keys: string[]) => Buffer.from(JSON.stringify(keys)).toString('base64url');
		for (const [path, keys] of [
			['/api/v1/organisations', ['a', '-'.repeat(36)]],
			[
				'/api/v1/needs',
				['0', '275760-09-13T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']
			],
			['/api/v1/needs', ['9', '2026-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']],
			['/api/v1/needs', ['x']]
		] as const) {
			const res = await ctx.call('GET', `${path}?cursor=${forged([...keys])}`, { token });
			expect(res.status, `${path} ${keys}`).toBe(400);
		}
		expect(
			(await fetch(`${ctx.server.url}/organisations?cursor=${forged(['a', '-'.repeat(36)])}`))
				.status
		).toBeLessThan(500);
	});

	it('a malformed id in a page action is a 404, not a 500', async () => {
		const login = await ctx.call('POST', '/api/v1/auth/signup', {
			body: { email: 'ids@example.org', password: 'correct horse battery', name: 'Ida' }
		});
		const cookie = `rete_session=${login.json.token}`;
		for (const path of [
			'/organisations/xyz?/join',
			'/organisations/xyz/members?/remove',
			'/organisations/xyz/edit'
		]) {
			const res = await fetch(`${ctx.server.url}${path}`, {
				method: 'POST',
				headers: {
					cookie,
					origin: ctx.server.url,
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: 'userId=x'
			});
			expect(res.status, path).toBeLessThan(500);
		}
	});

	it('redirects after login stay on this site', async () => {
		const login = await ctx.call('POST', '/api/v1/auth/signup', {
			body: { email: 'redir@example.org', password: 'correct horse battery', name: 'Rita' }
		});
		const cookie = `rete_session=${login.json.token}`;
		for (const next of [
			'/%09/evil.example',
			'//evil.example',
			'/%0d%0a/x',
			'https://evil.example'
		]) {
			const res = await fetch(`${ctx.server.url}/login?next=${next}`, {
				headers: { cookie },
				redirect: 'manual'
			});
			expect(res.status).toBe(303);
			const location = res.headers.get('location')!;
			expect(new URL(location, ctx.server.url).origin, `${next} → ${location}`).toBe(
				ctx.server.url
			);
		}
	});
});

describe('login attempts in parallel', () => {
	const ctx = useServer({ RATE_LIMIT_DISABLED: '', RATE_LIMIT_LOGIN_ACCOUNT: '3/15' });

	it('30 wrong passwords at once test hardly more than 3', async () => {
		const email = 'burst@example.org';
		await ctx.call('POST', '/api/v1/auth/signup', {
			body: { email, password: 'correct horse battery', name: 'Bruno' }
		});
		const statuses = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				ctx.call('POST', '/api/v1/auth/login', { body: { email, password: `guess ${i}` } })
			)
		);
		// Three free, then one more each time the doubling wait (1 s, 2 s…) has passed while the
		// burst runs: a couple at most, never the burst's size.
		expect(statuses.filter((r) => r.status === 401).length).toBeLessThanOrEqual(5);
		expect(statuses.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(25);
	});
});
