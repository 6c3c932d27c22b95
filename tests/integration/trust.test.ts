// Issue #11's findings, tried as an attacker would through the API: each of these passed on the
// old main and is refused now. A stranger signs up, makes an organisation (pending) and tries to
// learn about people; a helper tries to close what is not theirs; access outlives its reason.
import { beforeAll, describe, expect, it } from 'vitest';
import {
	addToOrganisation,
	pendingOrganisation,
	signUpPerson,
	verifiedOrganisation,
	type Person
} from '../helpers/people';
import { useServer } from '../helpers/server';
import { connectSocket, recordEvents } from '../helpers/sockets';

const TAX_CODE = 'RSSMRA80A01H501U';

describe('trust and safety', () => {
	const ctx = useServer();
	let admin: Person, marco: Person, giulia: Person, stranger: Person, luca: Person, rosa: Person;
	let service: string, caritas: string, strangerOrg: string;

	const call = (...args: Parameters<typeof ctx.call>) => ctx.call(...args);
	const post = (who: Person, body: Record<string, unknown>) =>
		call('POST', '/api/v1/needs', {
			token: who.token,
			body: { description: 'Una richiesta', category: 'health', allowDuplicate: true, ...body }
		});
	const claim = (who: Person, needId: string) =>
		call('POST', `/api/v1/needs/${needId}/claims`, { token: who.token, body: {} });

	beforeAll(async () => {
		admin = await signUpPerson(ctx.call, 'Anna');
		marco = await signUpPerson(ctx.call, 'Marco');
		giulia = await signUpPerson(ctx.call, 'Giulia');
		stranger = await signUpPerson(ctx.call, 'Estraneo');
		luca = await signUpPerson(ctx.call, 'Luca');
		rosa = await signUpPerson(ctx.call, 'Rosa');
		service = await verifiedOrganisation(ctx.call, admin, marco, 'Servizio sociale');
		caritas = await verifiedOrganisation(ctx.call, admin, giulia, 'Caritas');
		strangerOrg = await pendingOrganisation(ctx.call, stranger, 'Servizio Sociale Comunale');
		await addToOrganisation(ctx.call, giulia, caritas, luca, 'volunteer');
	});

	describe('finding 1: a pending organisation learns nothing about people', () => {
		it('cannot post a need with a contact or a person key, nor for helpers beyond its people', async () => {
			for (const body of [
				{
					title: 'Terapia',
					organisationId: strangerOrg,
					visibility: 'organisation',
					personKey: TAX_CODE
				},
				{ title: 'Terapia', organisationId: strangerOrg, contact: 'tel. 333 1234567' },
				{ title: 'Terapia', organisationId: strangerOrg, claimRule: 'trusted' }
			]) {
				const res = await post(stranger, body);
				expect(res.status, JSON.stringify(res.json)).toBe(403);
				expect(res.json.reason).toBe('organisation_not_verified');
				expect(res.json.error.message).toMatch(/verific/i);
			}
			// Without anything about a person, for its own people: allowed.
			const own = await post(stranger, { title: 'Volantini', organisationId: strangerOrg });
			expect(own.status, JSON.stringify(own.json)).toBe(201);
			expect(own.json.need.claimRule).toBe('organisation');
			expect(own.json.need.contact).toBe('');
		});

		it('is no oracle of who is followed, and cannot join the organisations’ channel about the person', async () => {
			const first = await post(marco, {
				title: 'Terapia del signor R.',
				organisationId: service,
				visibility: 'organisation',
				personKey: TAX_CODE,
				contact: 'via Roma 1'
			});
			expect(first.status).toBe(201);
			const second = await post(giulia, {
				title: 'Visite al signor R.',
				organisationId: caritas,
				visibility: 'organisation',
				personKey: TAX_CODE
			});
			expect(second.json.personKeyMatches).toBe(1);
			const channel = await call('POST', `/api/v1/needs/${second.json.need.id}/person-channel`, {
				token: giulia.token,
				body: {}
			});
			expect(channel.status, JSON.stringify(channel.json)).toBe(200);
			const channelId = channel.json.channelId ?? channel.json.channel?.id;
			const said = await call('POST', `/api/v1/channels/${channelId}/messages`, {
				token: marco.token,
				body: { body: 'La terapia cambia lunedì' }
			});
			expect(said.status, JSON.stringify(said.json)).toBe(201);

			// The stranger's own need: the old way in. Refused before any lookup.
			const own = await post(stranger, { title: 'Spesa', organisationId: strangerOrg });
			const mine = own.json.need.id;
			for (const path of ['person-channel', 'person-handover']) {
				const res = await call('POST', `/api/v1/needs/${mine}/${path}`, {
					token: stranger.token,
					body: { reason: 'Lo seguiamo anche noi da anni' }
				});
				expect([403, 409], `${path}: ${JSON.stringify(res.json)}`).toContain(res.status);
				if (res.status === 403) expect(res.json.reason).toBe('organisation_not_verified');
			}
			const read = await call('GET', `/api/v1/channels/${channelId}/messages`, {
				token: stranger.token
			});
			expect(read.status).toBe(404);

			// Joint channels that pull other organisations' coordinators in: refused.
			const joint = await call('POST', '/api/v1/channels', {
				token: stranger.token,
				body: { kind: 'joint', name: 'Coordinamento', organisationIds: [strangerOrg, service] }
			});
			expect(joint.status, JSON.stringify(joint.json)).toBe(403);
			expect(joint.json.reason).toBe('organisation_not_verified');
		});

		it('an organisation that joins the person’s channel later reads from then on, and moderates only its own people', async () => {
			const third = await signUpPerson(ctx.call, 'Terza');
			const later = await verifiedOrganisation(ctx.call, admin, third, 'Auser');
			const need = await post(third, {
				title: 'Compagnia al signor R.',
				organisationId: later,
				visibility: 'organisation',
				personKey: TAX_CODE
			});
			expect(need.json.personKeyMatches).toBe(2);
			const opened = await call('POST', `/api/v1/needs/${need.json.need.id}/person-channel`, {
				token: third.token,
				body: {}
			});
			expect(opened.status).toBe(200);
			const channelId = opened.json.channelId ?? opened.json.channel?.id;
			const history = await call('GET', `/api/v1/channels/${channelId}/messages`, {
				token: third.token
			});
			expect(history.status).toBe(200);
			expect(JSON.stringify(history.json)).not.toContain('terapia');
			// What the others wrote before: not its to delete either.
			const before = await call('GET', `/api/v1/channels/${channelId}/messages`, {
				token: marco.token
			});
			const marcos = before.json.items.find((m: { body: string }) => m.body.includes('terapia'));
			const del = await call('DELETE', `/api/v1/messages/${marcos.id}`, { token: third.token });
			expect(del.status).toBe(403);
			const giuliaDel = await call('DELETE', `/api/v1/messages/${marcos.id}`, {
				token: giulia.token
			});
			expect(giuliaDel.status, 'a coordinator of another organisation').toBe(403);
			// New messages reach everyone.
			await call('POST', `/api/v1/channels/${channelId}/messages`, {
				token: marco.token,
				body: { body: 'Benvenuti' }
			});
			const now = await call('GET', `/api/v1/channels/${channelId}/messages`, {
				token: third.token
			});
			expect(now.json.items.map((m: { body: string }) => m.body)).toEqual(['Benvenuti']);
		});
	});

	describe('finding 2: helpers end their own claim; contacts are for trusted helpers', () => {
		it('a helper cannot close the need; they end their own claim, and the need fulfils itself', async () => {
			const need = await post(rosa, {
				title: 'Un passaggio in ospedale',
				category: 'transport',
				capacity: 2
			});
			expect(need.json.need.claimRule).toBe('anyone');
			const id = need.json.need.id;
			const a = await claim(stranger, id);
			const b = await claim(luca, id);
			expect([a.status, b.status]).toEqual([201, 201]);
			const close = await call('POST', `/api/v1/needs/${id}/complete`, {
				token: stranger.token,
				body: { outcome: 'no_longer_needed' }
			});
			expect(close.status).toBe(403);
			const couldNot = await call('POST', `/api/v1/needs/${id}/claims/${a.json.claim.id}/done`, {
				token: stranger.token,
				body: { result: 'could_not' }
			});
			expect(couldNot.status, JSON.stringify(couldNot.json)).toBe(200);
			// Nobody else's claim moved.
			const after = await call('GET', `/api/v1/needs/${id}`, { token: rosa.token });
			expect(after.json.need.claims.map((c: { userId: string }) => c.userId)).toEqual([luca.id]);
			// Someone else's claim is not theirs to end.
			const notMine = await call('POST', `/api/v1/needs/${id}/claims/${b.json.claim.id}/done`, {
				token: stranger.token,
				body: { result: 'done' }
			});
			expect(notMine.status).toBe(404);
			const done = await call('POST', `/api/v1/needs/${id}/claims/${b.json.claim.id}/done`, {
				token: luca.token,
				body: { result: 'done', note: 'Accompagnata e riportata a casa' }
			});
			expect(done.status).toBe(200);
			expect(done.json.need.status).toBe('fulfilled');
			const bell = await call('GET', '/api/v1/notifications', { token: rosa.token });
			expect(bell.json.items.map((n: { kind: string }) => n.kind)).toContain('claim_finished');
		});

		it('an organisation’s need goes to trusted helpers only, and its contact with it', async () => {
			const need = await post(marco, {
				title: 'Spesa per la signora B.',
				category: 'food',
				organisationId: service,
				contact: 'tel. 333 7654321',
				consent: { purpose: 'Spesa', recipients: 'helpers', givenBy: 'person' }
			});
			expect(need.json.need.claimRule).toBe('trusted');
			const id = need.json.need.id;
			const seen = await call('GET', `/api/v1/needs/${id}`, { token: stranger.token });
			expect(seen.json.need.contact).toBeUndefined();
			expect(seen.json.need.authorId).toBeNull();
			const refused = await claim(stranger, id);
			expect(refused.status).toBe(403);
			expect(refused.json.reason).toBe('not_trusted');
			const ok = await claim(luca, id);
			expect(ok.status).toBe(201);
			const helper = await call('GET', `/api/v1/needs/${id}`, { token: luca.token });
			expect(helper.json.need.contact).toBe('tel. 333 7654321');
		});
	});

	describe('finding 3: access follows its reason', () => {
		it('a released helper leaves the need’s channel', async () => {
			const need = await post(marco, {
				title: 'Bollette della signora C.',
				category: 'paperwork',
				organisationId: service
			});
			const id = need.json.need.id;
			expect((await claim(luca, id)).status).toBe(201);
			const opened = await call('POST', `/api/v1/needs/${id}/channel`, {
				token: luca.token,
				body: {}
			});
			expect(opened.status, JSON.stringify(opened.json)).toBe(200);
			const channelId = opened.json.channelId ?? opened.json.channel?.id;
			expect(
				(await call('GET', `/api/v1/channels/${channelId}/messages`, { token: luca.token })).status
			).toBe(200);
			const released = await call('DELETE', `/api/v1/needs/${id}/claims/mine`, {
				token: luca.token
			});
			expect(released.status).toBe(204);
			await expect
				.poll(
					async () =>
						(await call('GET', `/api/v1/channels/${channelId}/messages`, { token: luca.token }))
							.status
				)
				.toBe(404);
		});

		it('a volunteer removed from an organisation loses its organisation-only claims and their channel', async () => {
			const need = await post(giulia, {
				title: 'Visita alla signora D.',
				category: 'company',
				organisationId: caritas,
				visibility: 'organisation',
				contact: 'via Verdi 3'
			});
			const id = need.json.need.id;
			expect((await claim(luca, id)).status).toBe(201);
			const opened = await call('POST', `/api/v1/needs/${id}/channel`, {
				token: luca.token,
				body: {}
			});
			const channelId = opened.json.channelId ?? opened.json.channel?.id;
			const removed = await call('DELETE', `/api/v1/organisations/${caritas}/members/${luca.id}`, {
				token: giulia.token
			});
			expect(removed.status).toBe(204);
			expect((await call('GET', `/api/v1/needs/${id}`, { token: luca.token })).status).toBe(404);
			// Its claim ends right after the removal is answered.
			await expect
				.poll(
					async () =>
						(await call('GET', `/api/v1/channels/${channelId}/messages`, { token: luca.token }))
							.status
				)
				.toBe(404);
			await expect
				.poll(
					async () =>
						(await call('GET', `/api/v1/needs/${id}`, { token: giulia.token })).json.need.claims
							.length
				)
				.toBe(0);
		});
	});
	describe('finding 3, over the socket', () => {
		it('a volunteer removed from the organisation stops receiving its need’s contact live', async () => {
			const sara = await signUpPerson(ctx.call, 'Sara');
			await addToOrganisation(ctx.call, giulia, caritas, sara, 'volunteer');
			const need = await post(giulia, {
				title: 'Compagnia alla signora F.',
				category: 'company',
				organisationId: caritas,
				visibility: 'organisation',
				contact: 'via Dante 8'
			});
			const id = need.json.need.id;
			expect((await claim(sara, id)).status).toBe(201);
			// A need she keeps helping with, whose edits reach her the same way.
			const kept = await post(giulia, { title: 'Spesa per il signor G.', category: 'food' });
			expect((await claim(sara, kept.json.need.id)).status).toBe(201);
			const socket = await connectSocket(ctx.server.url, { token: sara.token });
			const received: { contact?: string; description: string }[] = [];
			socket.on('need:updated', ({ need: n }) => {
				if (n.id === id) received.push(n);
			});
			try {
				const edit = (contact: string) =>
					call('PUT', `/api/v1/needs/${id}`, {
						token: giulia.token,
						body: {
							title: 'Compagnia alla signora F.',
							description: 'Una richiesta',
							category: 'company',
							contact
						}
					});
				expect((await edit('via Dante 8, secondo piano')).status).toBe(200);
				await expect.poll(() => received.some((n) => n.contact?.includes('secondo'))).toBe(true);
				await call('DELETE', `/api/v1/organisations/${caritas}/members/${sara.id}`, {
					token: giulia.token
				});
				await expect
					.poll(
						async () =>
							(await call('GET', `/api/v1/needs/${id}`, { token: giulia.token })).json.need.claims
								.length
					)
					.toBe(0);
				received.length = 0;
				const heard = recordEvents(socket, 'need:updated');
				expect((await edit('via Dante 8, terzo piano')).status).toBe(200);
				// The barrier: an edit of the need she still helps with, made after that one.
				const barrier = await call('PUT', `/api/v1/needs/${kept.json.need.id}`, {
					token: giulia.token,
					body: { title: 'Spesa per il signor G.', description: 'Pane', category: 'food' }
				});
				expect(barrier.status, JSON.stringify(barrier.json)).toBe(200);
				const before = await heard.until((p) => p.need.id === kept.json.need.id);
				expect(before).toEqual([]);
				expect(received).toEqual([]);
			} finally {
				socket.close();
			}
		});
	});

	describe('vouching', () => {
		it('someone vouched for by the administrators is a trusted helper until the vouch is withdrawn', async () => {
			const need = await post(marco, {
				title: 'Ritiro farmaci per il signor E.',
				category: 'health',
				organisationId: service,
				contact: 'via Po 5'
			});
			const id = need.json.need.id;
			expect((await claim(rosa, id)).json.reason).toBe('not_trusted');
			const byStranger = await call('POST', `/api/v1/people/${rosa.id}/vouch`, {
				token: stranger.token,
				body: {}
			});
			expect(byStranger.status).toBe(403);
			const vouched = await call('POST', `/api/v1/people/${rosa.id}/vouch`, {
				token: admin.token,
				body: { note: 'Conosciuta dal servizio' }
			});
			expect(vouched.status).toBe(204);
			expect((await claim(rosa, id)).status).toBe(201);
			const withdrawn = await call('DELETE', `/api/v1/people/${rosa.id}/vouch`, {
				token: admin.token
			});
			expect(withdrawn.status).toBe(204);
			await expect
				.poll(
					async () =>
						(await call('GET', `/api/v1/needs/${id}`, { token: marco.token })).json.need.claims
							.length
				)
				.toBe(0);
		});
	});
});
