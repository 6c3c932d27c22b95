import { describe, expect, it } from 'vitest';
import { apiClient, goodPassword, uniqueEmail, useServer } from '../helpers/server';

// Debug level: every request is logged, so the log test below sees as much as possible.
const ctx = useServer({ LOG_LEVEL: 'debug' });
const call: ReturnType<typeof apiClient> = (...args) => ctx.call(...args);

async function signUp(name = 'Marta Rossi') {
	const email = uniqueEmail();
	const res = await call('POST', '/api/v1/auth/signup', {
		body: { email, password: goodPassword, name }
	});
	expect(res.status).toBe(201);
	return { email, token: res.json.token as string, user: res.json.user };
}

describe('API accounts (docs/api.md "Accounts")', () => {
	it('signup on an empty database works and makes the first account the administrator', async () => {
		const first = await signUp('Prima Persona');
		expect(first.user).toMatchObject({ name: 'Prima Persona', locale: 'it', isAdmin: true });
		expect(Object.keys(first.user).sort()).toEqual([
			'email',
			'emailVerified',
			'id',
			'isAdmin',
			'locale',
			'name'
		]);
		const second = await signUp('Seconda Persona');
		expect(second.user.isAdmin).toBe(false);
		expect(first.token).toMatch(/^[a-z2-7]{32}$/);
	});

	it('signup normalises the e-mail and refuses one already taken with 409 email_taken', async () => {
		const email = uniqueEmail('Case');
		const a = await call('POST', '/api/v1/auth/signup', {
			body: { email: `  ${email.toUpperCase()} `, password: goodPassword, name: 'A', locale: 'en' }
		});
		expect(a.status).toBe(201);
		expect(a.json.user.email).toBe(email.toLowerCase());
		expect(a.json.user.locale).toBe('en');
		const b = await call('POST', '/api/v1/auth/signup', {
			body: { email: email.toLowerCase(), password: goodPassword, name: 'B' }
		});
		expect(b.status).toBe(409);
		expect(b.json.error.code).toBe('email_taken');
	});

	it('signup lists every invalid field at once', async () => {
		const res = await call('POST', '/api/v1/auth/signup', {
			body: { email: 'not-an-email', password: 'short', locale: 'fr' }
		});
		expect(res.status).toBe(400);
		expect(res.json.error.code).toBe('invalid_input');
		expect(Object.keys(res.json.error.fields).sort()).toEqual([
			'email',
			'locale',
			'name',
			'password'
		]);
		expect(typeof res.json.error.message).toBe('string');
	});

	it('refuses common and over-long passwords', async () => {
		for (const password of ['1234567890', 'Password123', 'x'.repeat(257)]) {
			const res = await call('POST', '/api/v1/auth/signup', {
				body: { email: uniqueEmail(), password, name: 'N' }
			});
			expect(res.status).toBe(400);
			expect(Object.keys(res.json.error.fields)).toEqual(['password']);
		}
		const longest = await call('POST', '/api/v1/auth/signup', {
			body: { email: uniqueEmail(), password: 'y'.repeat(256), name: 'N' }
		});
		expect(longest.status).toBe(201);
	});

	it('login answers unknown e-mail and wrong password the same way', async () => {
		const { email } = await signUp();
		const wrong = await call('POST', '/api/v1/auth/login', {
			body: { email, password: 'wrong password!' }
		});
		const unknown = await call('POST', '/api/v1/auth/login', {
			body: { email: uniqueEmail('nobody'), password: 'wrong password!' }
		});
		expect(wrong.status).toBe(401);
		expect(unknown.status).toBe(401);
		expect(wrong.json).toEqual(unknown.json);
		expect(wrong.json.error.code).toBe('unauthenticated');
		const right = await call('POST', '/api/v1/auth/login', {
			body: { email, password: goodPassword }
		});
		expect(right.status).toBe(200);
		expect(right.json.user.email).toBe(email);
		expect(right.json.token).toMatch(/^[a-z2-7]{32}$/);
	});

	it('GET /me needs a session and returns { user }', async () => {
		const { token, user } = await signUp();
		const anonymous = await call('GET', '/api/v1/me');
		expect(anonymous.status).toBe(401);
		expect(anonymous.json.error.code).toBe('unauthenticated');
		const bogus = await call('GET', '/api/v1/me', { token: 'a'.repeat(32) });
		expect(bogus.status).toBe(401);
		const me = await call('GET', '/api/v1/me', { token });
		expect(me.status).toBe(200);
		expect(me.json.user).toEqual(user);
	});

	it('logout answers 204 and the token stops working at once; other sessions go on', async () => {
		const { email, token } = await signUp();
		const other = await call('POST', '/api/v1/auth/login', {
			body: { email, password: goodPassword }
		});
		const out = await call('POST', '/api/v1/auth/logout', { token });
		expect(out.status).toBe(204);
		expect(out.text).toBe('');
		expect((await call('GET', '/api/v1/me', { token })).status).toBe(401);
		expect((await call('POST', '/api/v1/auth/logout', { token })).status).toBe(401);
		expect((await call('GET', '/api/v1/me', { token: other.json.token })).status).toBe(200);
	});

	it('answers in English when asked', async () => {
		const res = await call('GET', '/api/v1/me', {
			headers: { 'accept-language': 'en-GB,en;q=0.9' }
		});
		expect(res.json.error.message).toBe('You need to log in to continue.');
		const it = await call('GET', '/api/v1/me');
		expect(it.json.error.message).toBe('Devi accedere per continuare.');
	});
});

describe('API plumbing', () => {
	it('unknown routes answer 404 in the API format, for every method', async () => {
		for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
			const res = await call(method, '/api/v1/no/such/thing');
			expect(res.status).toBe(404);
			expect(res.json.error.code).toBe('not_found');
		}
		expect((await call('GET', '/api/v2/auth/login')).status).toBe(404);
	});

	it('a wrong method on a known endpoint is a JSON 405', async () => {
		const res = await call('GET', '/api/v1/auth/login');
		expect(res.status).toBe(405);
		expect(res.json.error.code).toBe('method_not_allowed');
	});

	it('malformed JSON is 400 invalid_input', async () => {
		const res = await call('POST', '/api/v1/auth/login', { raw: '{"email": "a@b.it",' });
		expect(res.status).toBe(400);
		expect(res.json.error.code).toBe('invalid_input');
		expect(res.json.error.fields).toHaveProperty('_');
	});

	it('bodies over 1 MB are 413 too_large, with or without a declared length', async () => {
		const big = JSON.stringify({ email: 'a@b.it', password: 'x'.repeat(1024 * 1024) });
		const declared = await call('POST', '/api/v1/auth/login', { raw: big });
		expect(declared.status).toBe(413);
		expect(declared.json.error.code).toBe('too_large');

		const chunks = [big.slice(0, 600_000), big.slice(600_000)];
		const stream = new ReadableStream({
			start(controller) {
				for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
				controller.close();
			}
		});
		const res = await fetch(`${ctx.server.url}/api/v1/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: stream,
			duplex: 'half'
		} as RequestInit);
		expect(res.status).toBe(413);
		expect((await res.json()).error.code).toBe('too_large');

		// Just under the limit is parsed (and refused for what it says, not for its size).
		const almost = JSON.stringify({ email: 'a@b.it', password: 'x'.repeat(1000 * 1000) });
		const ok = await call('POST', '/api/v1/auth/login', { raw: almost });
		expect(ok.status).toBe(400);
	});

	it('state-changing calls that carry the cookie must come from our origin', async () => {
		const { token } = await signUp();
		const cookie = `rete_session=${token}`;
		const forged = await call('POST', '/api/v1/auth/logout', {
			headers: { cookie, origin: 'https://evil.example' }
		});
		expect(forged.status).toBe(403);
		expect(forged.json.error.code).toBe('forbidden');
		const noOrigin = await call('POST', '/api/v1/auth/logout', { headers: { cookie } });
		expect(noOrigin.status).toBe(403);
		// Still signed in: the rejected requests changed nothing.
		expect((await call('GET', '/api/v1/me', { headers: { cookie } })).status).toBe(200);
		const same = await call('POST', '/api/v1/auth/logout', {
			headers: { cookie, origin: ctx.server.url }
		});
		expect(same.status).toBe(204);
		expect((await call('GET', '/api/v1/me', { token })).status).toBe(401);
	});

	it('a cross-site form post to a page is refused before it does anything', async () => {
		const res = await fetch(`${ctx.server.url}/login`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: 'https://evil.example'
			},
			body: 'email=a%40b.it&password=whatever',
			redirect: 'manual'
		});
		expect(res.status).toBe(403);
	});

	it('GET /healthz checks the database', async () => {
		const res = await call('GET', '/healthz');
		expect(res.status).toBe(200);
		expect(res.json.status).toBe('ok');
		expect(['pglite', 'postgres']).toContain(res.json.database);
	});
});

describe('logs', () => {
	it('never contain passwords, tokens or e-mail addresses', async () => {
		const { email, token } = await signUp();
		await call('POST', '/api/v1/auth/login', { body: { email, password: 'a wrong password' } });
		await call('GET', '/api/v1/me', { token });
		const output = ctx.server.output();
		expect(output).toMatch(/"msg":"request"/);
		expect(output).not.toContain(goodPassword);
		expect(output).not.toContain('a wrong password');
		expect(output).not.toContain(token);
		expect(output).not.toMatch(/@example\.org/);
	});
});
