// Issue #11, findings 5 and 6 and the "Accounts" part: addresses are proved by a link before an
// account does anything but read; links reach administrators through the outbox, never the
// log; the channel form looks nothing up for someone signed out; failed logins slow an
// attacker down without locking out the owner's own browser.
import { beforeAll, describe, expect, it } from 'vitest';
import { signUpPerson, type Person } from '../helpers/people';
import { goodPassword, startServer, uniqueEmail, useServer } from '../helpers/server';

const ctx = useServer({
	EMAIL_VERIFICATION: 'on',
	RATE_LIMIT_DISABLED: '',
	RATE_LIMIT_VERIFY_MAIL_USER: '2/60',
	RATE_LIMIT_LOOKUP_USER: '10/60',
	RATE_LIMIT_SIGNUP_IP: '200/60',
	RATE_LIMIT_EMAIL_CHANGE_IP: '3/60'
});

let admin: Person;

/** The newest link of `kind` mailed to `email`, as an administrator reads it in the outbox. */
async function linkFor(email: string, kind: 'verify-email' | 'invitations') {
	const res = await fetch(`${ctx.server.url}/admin/outbox`, {
		headers: { authorization: `Bearer ${admin.token}` }
	});
	expect(res.status).toBe(200);
	const html = await res.text();
	const mail = html.split('<li').find((item) => item.includes(email) && item.includes(kind));
	const token = mail?.match(new RegExp(`/${kind}/([a-z2-7]{32})`))?.[1];
	expect(token, `a ${kind} link for ${email} in the outbox`).toBeTruthy();
	return token!;
}

const me = async (person: Person) =>
	(await ctx.call('GET', '/api/v1/me', { token: person.token })).json.user;

const verify = (token: string) =>
	ctx.call('POST', '/api/v1/auth/verify-email', { body: { token } });

const createOrganisation = (person: Person, name: string) =>
	ctx.call('POST', '/api/v1/organisations', {
		token: person.token,
		body: { name, kind: 'group' }
	});

/** The account page's form, as a browser posts it (the only place an address changes). */
async function changeEmail(person: Person, email: string) {
	const res = await fetch(`${ctx.server.url}/account?/profile`, {
		method: 'POST',
		headers: {
			authorization: `Bearer ${person.token}`,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams({
			name: 'Someone',
			email,
			locale: 'en',
			currentPassword: goodPassword
		})
	});
	// A form's JSON answer (as `use:enhance` reads it) carries the action's own status.
	const answer = await res.json();
	return { status: answer.type === 'failure' ? answer.status : res.status };
}

beforeAll(async () => {
	admin = await signUpPerson(ctx.call, 'Admin');
});

describe('e-mail verification', () => {
	it('the account that founds the network is verified at once', async () => {
		expect(admin.isAdmin).toBe(true);
		expect((await me(admin)).emailVerified).toBe(true);
	});

	it('signup leaves the account unverified and refused until the link is used', async () => {
		const anna = await signUpPerson(ctx.call, 'Anna');
		expect((await me(anna)).emailVerified).toBe(false);

		const refused = await createOrganisation(anna, 'Vicini di Anna');
		expect(refused.status).toBe(403);
		expect(refused.json.reason).toBe('email_not_verified');
		expect(refused.json.error.message).toMatch(/Conferma prima il tuo indirizzo/);
		// Reading public things still works.
		expect((await ctx.call('GET', '/api/v1/organisations', { token: anna.token })).status).toBe(
			200
		);

		const token = await linkFor(anna.email, 'verify-email');
		// Opening the link's page (as a mail scanner does) changes nothing.
		const page = await fetch(`${ctx.server.url}/verify-email/${token}`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('<form');
		expect((await me(anna)).emailVerified).toBe(false);

		const wrong = await verify('a'.repeat(32));
		expect(wrong.status).toBe(404);
		expect(wrong.json.reason).toBe('verification_unknown');

		const done = await verify(token);
		expect(done.status).toBe(200);
		expect(done.json.user).toMatchObject({ email: anna.email, emailVerified: true });
		expect((await me(anna)).emailVerified).toBe(true);

		const again = await verify(token);
		expect(again.status).toBe(400);
		expect(again.json.reason).toBe('verification_used');

		expect((await createOrganisation(anna, 'Vicini di Anna')).status).toBe(201);
	});

	it('the page verifies on its button, and says so', async () => {
		const bea = await signUpPerson(ctx.call, 'Bea');
		const token = await linkFor(bea.email, 'verify-email');
		const res = await fetch(`${ctx.server.url}/verify-email/${token}`, {
			method: 'POST',
			headers: {
				origin: ctx.server.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded',
				'accept-language': 'en'
			},
			body: ''
		});
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('is confirmed');
		expect((await me(bea)).emailVerified).toBe(true);
	});

	it('changing the address makes the account unverified until the new link is used', async () => {
		const carla = await signUpPerson(ctx.call, 'Carla');
		expect((await verify(await linkFor(carla.email, 'verify-email'))).status).toBe(200);

		const first = uniqueEmail('carla.first');
		expect((await changeEmail(carla, first)).status).toBe(200);
		expect(await me(carla)).toMatchObject({ email: first, emailVerified: false });
		expect((await createOrganisation(carla, 'Gruppo di Carla')).json.reason).toBe(
			'email_not_verified'
		);
		const firstLink = await linkFor(first, 'verify-email');

		const second = uniqueEmail('carla.second');
		expect((await changeEmail(carla, second)).status).toBe(200);
		// A link to an address the account no longer has proves nothing.
		const outdated = await verify(firstLink);
		expect(outdated.status).toBe(400);
		expect(outdated.json.reason).toBe('verification_outdated');
		expect((await verify(await linkFor(second, 'verify-email'))).status).toBe(200);
		expect(await me(carla)).toMatchObject({ email: second, emailVerified: true });
	});

	it('changes of address keep 409 email_taken but are limited per client address', async () => {
		const taker = await signUpPerson(ctx.call, 'Taker');
		// Carla's two changes above came from this address too (RATE_LIMIT_EMAIL_CHANGE_IP=3/60).
		const taken = await changeEmail(taker, admin.email);
		expect(taken.status).toBe(409);
		expect((await changeEmail(taker, uniqueEmail('sweep'))).status).toBe(429);
	});

	it('an invitation is refused to someone who signed up with its address but did not verify', async () => {
		const coordinator = await signUpPerson(ctx.call, 'Dora');
		expect((await verify(await linkFor(coordinator.email, 'verify-email'))).status).toBe(200);
		const org = await createOrganisation(coordinator, 'Gruppo di Dora');
		const invited = uniqueEmail('invited');
		const invitation = await ctx.call(
			'POST',
			`/api/v1/organisations/${org.json.organisation.id}/invitations`,
			{
				token: coordinator.token,
				body: { email: invited, role: 'operator' }
			}
		);
		expect(invitation.status).toBe(201);
		const invitationToken = await linkFor(invited, 'invitations');

		const impostor = await signUpPerson(ctx.call, 'Impostor', invited);
		const accept = () =>
			ctx.call('POST', `/api/v1/invitations/${invitationToken}/accept`, {
				token: impostor.token
			});
		const refused = await accept();
		expect(refused.status).toBe(403);
		expect(refused.json.reason).toBe('email_not_verified');
		// The invitation's page says what to do.
		const page = await fetch(`${ctx.server.url}/invitations/${invitationToken}`, {
			headers: { authorization: `Bearer ${impostor.token}`, 'accept-language': 'en' }
		});
		expect(await page.text()).toContain('first confirm your e-mail address');

		// Whoever can read the invited mailbox proves it, and then accepts.
		expect((await verify(await linkFor(invited, 'verify-email'))).status).toBe(200);
		expect((await accept()).status).toBe(200);
	});

	it('the link can be sent again, a limited number of times, to an unverified person only', async () => {
		const elena = await signUpPerson(ctx.call, 'Elena');
		const resend = () =>
			ctx.call('POST', '/api/v1/auth/verify-email/resend', { token: elena.token });
		expect((await resend()).status).toBe(202);
		expect((await resend()).status).toBe(202);
		const limited = await resend();
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await verify(await linkFor(elena.email, 'verify-email'))).status).toBe(200);
		expect(
			(await ctx.call('POST', '/api/v1/auth/verify-email/resend', { token: admin.token })).json
				.reason
		).toBe('already_verified');
		expect((await ctx.call('POST', '/api/v1/auth/verify-email/resend')).status).toBe(401);
	});

	it('the signed-in layout tells an unverified person to check their mail', async () => {
		const fabio = await signUpPerson(ctx.call, 'Fabio');
		const page = async () =>
			(
				await fetch(`${ctx.server.url}/`, {
					headers: { authorization: `Bearer ${fabio.token}`, 'accept-language': 'en' }
				})
			).text();
		expect(await page()).toContain('Check your mail');
		expect((await verify(await linkFor(fabio.email, 'verify-email'))).status).toBe(200);
		expect(await page()).not.toContain('Check your mail');
	});

	it('no link and no token ever reaches the log', async () => {
		const output = ctx.server.output();
		expect(output).toContain('mail kept in the outbox');
		expect(output).not.toMatch(/verify-email\/[a-z2-7]{32}/);
		expect(output).not.toMatch(/invitations\/[a-z2-7]{32}/);
	});

	it('a server with verification or rate limits off says so when it starts', async () => {
		expect(ctx.server.output()).not.toMatch(/EMAIL_VERIFICATION=off|RATE_LIMIT_DISABLED=1/);
		const lax = await startServer({ EMAIL_VERIFICATION: 'off', RATE_LIMIT_DISABLED: '1' });
		try {
			expect(lax.output()).toMatch(/"level":"warn".*EMAIL_VERIFICATION=off/);
			expect(lax.output()).toMatch(/"level":"warn".*RATE_LIMIT_DISABLED=1/);
		} finally {
			await lax.stop();
		}
	});
});

describe('the channel form', () => {
	const form = (emails: string, token?: string) =>
		fetch(`${ctx.server.url}/channels?/create`, {
			method: 'POST',
			headers: {
				origin: ctx.server.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded',
				...(token ? { authorization: `Bearer ${token}` } : {})
			},
			body: new URLSearchParams({ kind: 'group', name: 'Prova', emails }),
			redirect: 'manual'
		});

	it('signed out, it looks nothing up: known and unknown addresses get the same redirect', async () => {
		const known = await form(admin.email);
		const unknown = await form(uniqueEmail('nobody'));
		expect(known.status).toBe(303);
		expect(known.headers.get('location')).toMatch(/^\/login/);
		expect(unknown.status).toBe(known.status);
		expect(unknown.headers.get('location')).toBe(known.headers.get('location'));
		expect(await unknown.text()).toBe(await known.text());
	});

	it('signed in, looking addresses up needs a verified address and is limited per person', async () => {
		const gino = await signUpPerson(ctx.call, 'Gino');
		expect((await form(admin.email, gino.token)).status).toBe(403);
		expect((await verify(await linkFor(gino.email, 'verify-email'))).status).toBe(200);
		// Ten addresses an hour (RATE_LIMIT_LOOKUP_USER=10/60), each one counted.
		const sweep = Array.from({ length: 11 }, () => uniqueEmail('sweep')).join('\n');
		expect((await form(sweep, gino.token)).status).toBe(429);
	});
});

describe('failed logins', () => {
	let owner: { email: string; deviceToken: string };
	beforeAll(async () => {
		const email = uniqueEmail('owner');
		const res = await ctx.call('POST', '/api/v1/auth/signup', {
			body: { email, password: goodPassword, name: 'Owner' }
		});
		expect(res.json.deviceToken).toMatch(/^[a-z2-7]{32}$/);
		owner = { email, deviceToken: res.json.deviceToken };
	});

	const login = (password: string, headers: Record<string, string> = {}) =>
		ctx.call('POST', '/api/v1/auth/login', { body: { email: owner.email, password }, headers });

	it('30 wrong passwords from one address do not lock the owner out of a known device', async () => {
		const answers = [];
		for (let i = 0; i < 30; i++) answers.push((await login(`wrong password ${i}`)).status);
		expect(answers.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
		expect(answers.filter((s) => s === 429).length).toBeGreaterThan(20);

		// A client that never signed in to this account waits, even with the right password.
		const stranger = await login(goodPassword);
		expect(stranger.status).toBe(429);
		expect(Number(stranger.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

		// The owner's device, named by its header (browsers send the rete_device cookie).
		const own = await login(goodPassword, { 'x-rete-device': owner.deviceToken });
		expect(own.status).toBe(200);
		expect(own.json.deviceToken).toBe(owner.deviceToken);
	});

	it('a browser that signs in is given a known-device cookie', async () => {
		const res = await fetch(`${ctx.server.url}/login`, {
			method: 'POST',
			headers: {
				origin: ctx.server.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded',
				cookie: `rete_device=${owner.deviceToken}`
			},
			body: new URLSearchParams({ email: owner.email, password: goodPassword }),
			redirect: 'manual'
		});
		expect(res.status).toBe(303);
		const cookies = res.headers.getSetCookie().join('\n');
		expect(cookies).toMatch(new RegExp(`rete_device=${owner.deviceToken};.*HttpOnly`, 'i'));
	});
});
