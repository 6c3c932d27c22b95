// Issue #11, "Headers and input": search text that broke PostgreSQL, bodies that are not
// objects, a malformed bearer header riding on the cookie, security headers, invitation tokens in
// logs, and organisation names that look like others.
import { beforeAll, describe, expect, it } from 'vitest';
import { signUpPerson, type Person } from '../helpers/people';
import { uniqueEmail, useServer } from '../helpers/server';
import { m } from '../../src/lib/paraglide/messages';

const ctx = useServer({ LOG_LEVEL: 'debug' });
let admin: Person;
let resident: Person;
let needId: string;
let orgId: string;

beforeAll(async () => {
	admin = await signUpPerson(ctx.call, 'Amministratrice');
	resident = await signUpPerson(ctx.call, 'Residente');
	const need = await ctx.call('POST', '/api/v1/needs', {
		token: resident.token,
		body: { title: 'Spesa settimanale', description: 'Pane, latte e frutta', category: 'food' }
	});
	expect(need.status, need.text).toBe(201);
	needId = need.json.need.id;
	const org = await ctx.call('POST', '/api/v1/organisations', {
		token: admin.token,
		body: { name: 'Caritas Milano', kind: 'ngo' }
	});
	expect(org.status, org.text).toBe(201);
	orgId = org.json.organisation.id;
});

describe('search text', () => {
	const hostile = ['-'.repeat(200), '- '.repeat(100), '-- -- "-" - -x', '------------------x'];

	it('runs of "-" are a search, not a 500, on the API, the board and messages', async () => {
		for (const q of hostile) {
			const query = `q=${encodeURIComponent(q)}`;
			const api = await ctx.call('GET', `/api/v1/needs?${query}`, { token: resident.token });
			expect(api.status, api.text.slice(0, 200)).toBe(200);
			const board = await ctx.call('GET', `/needs?${query}`, { token: resident.token });
			expect(board.status).toBe(200);
			const messages = await ctx.call('GET', `/api/v1/messages?${query}`, {
				token: resident.token
			});
			expect(messages.status, messages.text.slice(0, 200)).toBe(200);
		}
	});

	it('words, negations and phrases find what they found before', async () => {
		const find = async (q: string) =>
			(
				await ctx.call('GET', `/api/v1/needs?q=${encodeURIComponent(q)}`, {
					token: resident.token
				})
			).json.items.map((n: { id: string }) => n.id);
		expect(await find('spesa')).toEqual([needId]);
		expect(await find('latte -spesa')).toEqual([]);
		expect(await find('latte --spesa')).toEqual([]);
		expect(await find('"pane, latte"')).toEqual([needId]);
		expect(await find('spesa - -')).toEqual([needId]);
	});
});

describe('bodies that are not objects', () => {
	it('null, a list or a bare value is 400 invalid_input on every kind of call', async () => {
		const calls = [
			`/api/v1/needs`,
			`/api/v1/needs/${needId}/complete`,
			`/api/v1/organisations/${orgId}/review`,
			`/api/v1/channels`,
			`/api/v1/needs/${needId}/claims`
		];
		for (const path of calls)
			for (const raw of ['null', '[]', '5', '"text"', 'true']) {
				const res = await ctx.call('POST', path, { token: admin.token, raw });
				expect(res.status, `${path} ${raw}: ${res.text.slice(0, 200)}`).toBe(400);
				expect(res.json.error.code).toBe('invalid_input');
			}
	});
});

describe('a malformed bearer header and the cookie', () => {
	it('is not exempt from the origin check, and does not sign in by the cookie', async () => {
		const cookie = `rete_session=${resident.token}`;
		for (const authorization of ['Bearer junk with spaces', 'Bearer ', 'bearer x y', 'Bearer']) {
			const forged = await ctx.call('POST', '/api/v1/needs', {
				headers: { cookie, authorization, origin: 'https://evil.example' },
				body: { title: 'Forged need', description: 'From elsewhere', category: 'food' }
			});
			expect(forged.status, authorization).toBe(403);
			const me = await ctx.call('GET', '/api/v1/me', { headers: { cookie, authorization } });
			expect(me.status, authorization).toBe(401);
		}
		// The cookie alone still works, and a well-formed bearer is still exempt.
		expect((await ctx.call('GET', '/api/v1/me', { headers: { cookie } })).status).toBe(200);
		const bearer = await ctx.call('POST', '/api/v1/needs', {
			token: resident.token,
			headers: { origin: 'https://evil.example' },
			body: { title: 'Needed by bearer', description: 'From a script', category: 'food' }
		});
		expect(bearer.status).toBe(201);
	});
});

describe('security headers', () => {
	it('pages carry a CSP with a nonce, no framing, nosniff, same-origin referrers and no-store', async () => {
		const page = await ctx.call('GET', '/needs', { token: resident.token });
		expect(page.status).toBe(200);
		const csp = page.headers.get('content-security-policy') ?? '';
		expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("object-src 'none'");
		const host = new URL(ctx.server.url).host;
		expect(csp).toContain(`connect-src 'self' ws://${host} wss://${host}`);
		const nonce = csp.match(/'nonce-([^']+)'/)![1];
		expect(page.text).toContain(`nonce="${nonce}"`);
		expect(page.headers.get('x-content-type-options')).toBe('nosniff');
		expect(page.headers.get('referrer-policy')).toBe('same-origin');
		expect(page.headers.get('cache-control')).toBe('no-store');
		// Static assets keep their caching.
		const asset = page.text.match(/\/_app\/immutable\/[^"]+\.js/)![0];
		const assetRes = await fetch(`${ctx.server.url}${asset}`);
		expect(assetRes.status).toBe(200);
		expect(assetRes.headers.get('cache-control')).toContain('immutable');
	});

	it('API answers are not cached and cannot be framed', async () => {
		const me = await ctx.call('GET', '/api/v1/me', { token: resident.token });
		expect(me.headers.get('cache-control')).toBe('no-store');
		expect(me.headers.get('x-content-type-options')).toBe('nosniff');
		expect(me.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
		const refused = await ctx.call('GET', '/api/v1/me');
		expect(refused.status).toBe(401);
		expect(refused.headers.get('cache-control')).toBe('no-store');
	});
});

describe('invitation tokens', () => {
	it('never reach the logs, from the invitation to its acceptance', async () => {
		const email = uniqueEmail('invited');
		const invited = await ctx.call('POST', `/api/v1/organisations/${orgId}/invitations`, {
			token: admin.token,
			body: { email, role: 'operator' }
		});
		expect(invited.status, invited.text).toBe(201);
		// Without SMTP the link waits in the outbox, for administrators.
		const outbox = await ctx.call('GET', '/admin/outbox', { token: admin.token });
		const token = outbox.text.match(/\/invitations\/([a-z2-7]{20,})/)?.[1];
		expect(token).toBeTruthy();
		const person = await signUpPerson(ctx.call, 'Invitata', email);
		const page = await ctx.call('GET', `/invitations/${token}`, { token: person.token });
		expect(page.status).toBe(200);
		const accepted = await ctx.call('POST', `/api/v1/invitations/${token}/accept`, {
			token: person.token
		});
		expect(accepted.status, accepted.text).toBe(200);
		const output = ctx.server.output();
		expect(output).toMatch(/"msg":"mail kept in the outbox/);
		expect(output).toMatch(/"route":"\/invitations\/\[token\]"/);
		expect(output).not.toContain(token);
	});
});

describe('organisation names that look like others', () => {
	it('a look-alike is refused with its own message; a different name is fine', async () => {
		const coordinator = await signUpPerson(ctx.call, 'Nuova');
		const message = m.v_name_looks_taken({}, { locale: 'it' });
		for (const name of [
			'Cаritas Milano', // Cyrillic а
			'Caritas Mi1ano',
			'caritas-milano',
			'Caritas\u200b Milano',
			'Càritas  Milanò'
		]) {
			const res = await ctx.call('POST', '/api/v1/organisations', {
				token: coordinator.token,
				body: { name, kind: 'group' }
			});
			expect(res.status, name).toBe(409);
			expect(res.json.error.fields.name, name).toBe(message);
		}
		const same = await ctx.call('POST', '/api/v1/organisations', {
			token: coordinator.token,
			body: { name: 'CARITAS MILANO', kind: 'group' }
		});
		expect(same.status).toBe(409);
		expect(same.json.error.fields.name).toBe(m.v_name_taken({}, { locale: 'it' }));
		const other = await ctx.call('POST', '/api/v1/organisations', {
			token: coordinator.token,
			body: { name: 'Caritas Torino', kind: 'group' }
		});
		expect(other.status).toBe(201);
		// Renaming into a look-alike is refused too; keeping one's own name is not.
		const id = other.json.organisation.id;
		const rename = await ctx.call('PUT', `/api/v1/organisations/${id}`, {
			token: coordinator.token,
			body: { name: 'Caritas Mi|ano', kind: 'group' }
		});
		expect(rename.status).toBe(409);
		expect(rename.json.error.fields.name).toBe(message);
		const keep = await ctx.call('PUT', `/api/v1/organisations/${id}`, {
			token: coordinator.token,
			body: { name: 'Caritas Torino', kind: 'group', description: 'Nuova descrizione' }
		});
		expect(keep.status, keep.text).toBe(200);
	});
});

describe('invisible and reversing text', () => {
	it('is 400 naming the field, through the API', async () => {
		const res = await ctx.call('POST', '/api/v1/needs', {
			token: resident.token,
			body: { title: '\u200b\u200b\u200b\u200b', description: 'ok\u202eko', category: 'food' }
		});
		expect(res.status).toBe(400);
		expect(res.json.error.fields).toEqual({
			title: m.v_invisible_only({}, { locale: 'it' }),
			description: m.v_bidi_control({}, { locale: 'it' })
		});
		const name = await ctx.call('POST', '/api/v1/auth/signup', {
			body: { email: uniqueEmail(), password: 'una frase lunga e sicura', name: '\u2060\ufeff' }
		});
		expect(name.status).toBe(400);
		expect(Object.keys(name.json.error.fields)).toEqual(['name']);
	});
});
