// Consultations over HTTP and real sockets: the API's shapes (phase_closed with when it opens,
// possible_duplicate with its candidates, already_voted, results_hidden, not_eligible), a network
// consultation unseen signed out, the identity never echoed, and pages open on a consultation
// hearing that it changed.
import { beforeAll, describe, expect, it } from 'vitest';
import { codiceFiscale, phasesAround } from '../helpers/consultations';
import { signUpPerson, verifiedOrganisation, type Person } from '../helpers/people';
import { useServer } from '../helpers/server';
import { ask, connectSocket, recordEvents } from '../helpers/sockets';

describe('consultations over the API and sockets', () => {
	const ctx = useServer();
	let admin: Person, ada: Person, bea: Person, carlo: Person;
	let org: string;

	const open = async (
		current: Parameters<typeof phasesAround>[0],
		fields: Record<string, unknown> = {}
	) => {
		const res = await ctx.call('POST', '/api/v1/consultations', {
			token: ada.token,
			body: {
				title: 'Il centro civico: che cosa deve offrire?',
				description: 'Proponete, sostenete, votate: https://example.org/centro',
				organisationId: org,
				phases: phasesAround(current),
				...fields
			}
		});
		expect(res.status, JSON.stringify(res.json)).toBe(201);
		return res.json.consultation;
	};

	beforeAll(async () => {
		admin = await signUpPerson(ctx.call, 'Anna');
		ada = await signUpPerson(ctx.call, 'Ada');
		bea = await signUpPerson(ctx.call, 'Bea');
		carlo = await signUpPerson(ctx.call, 'Carlo');
		org = await verifiedOrganisation(ctx.call, admin, ada, 'Comune');
	});

	it('answers outside a phase with 409 phase_closed and when it opens', async () => {
		const c = await open('information');
		const res = await ctx.call('POST', `/api/v1/consultations/${c.id}/proposals`, {
			token: bea.token,
			body: { title: 'Una biblioteca la sera', body: 'Per chi lavora di giorno.' }
		});
		expect(res.status).toBe(409);
		expect(res.json.error.code).toBe('conflict');
		expect(res.json.reason).toBe('phase_closed');
		expect(res.json.phase).toBe('proposals');
		expect(Date.parse(res.json.opensAt)).toBe(Date.parse(c.phases[1].startsAt));
		expect(res.json.error.message).toBe('Questa fase della consultazione non è aperta.');
	});

	it('shows similar proposals first, with nothing saved', async () => {
		const c = await open('proposals');
		const first = await ctx.call('POST', `/api/v1/consultations/${c.id}/proposals`, {
			token: bea.token,
			body: { title: 'Corsi di italiano per stranieri', body: 'La sera, due volte a settimana.' }
		});
		expect(first.status).toBe(201);
		expect(first.json.proposal).toMatchObject({
			authorName: 'Bea',
			supports: 0,
			state: 'published'
		});
		const similar = await ctx.call('POST', `/api/v1/consultations/${c.id}/proposals`, {
			token: carlo.token,
			body: { title: 'Corso di italiano per stranieri', body: 'La sera, due volte a settimana.' }
		});
		expect(similar.status).toBe(409);
		expect(similar.json.error.code).toBe('possible_duplicate');
		expect(similar.json.candidates).toEqual([
			{
				id: first.json.proposal.id,
				title: 'Corsi di italiano per stranieri',
				similarity: expect.any(Number)
			}
		]);
		const list = await ctx.call('GET', `/api/v1/consultations/${c.id}/proposals?sort=newest`);
		expect(list.json.items).toHaveLength(1);
		// Supporting it instead works at once, in the proposals phase.
		const support = await ctx.call('POST', `/api/v1/proposals/${first.json.proposal.id}/supports`, {
			token: carlo.token,
			body: {}
		});
		expect(support.status).toBe(201);
		expect(support.json).toEqual({ supports: 1 });
	});

	it('a network consultation is not found signed out; a public one is read', async () => {
		const network = await open('proposals', { visibility: 'network' });
		const pub = await open('proposals');
		expect((await ctx.call('GET', `/api/v1/consultations/${network.id}`)).status).toBe(404);
		expect((await ctx.call('GET', `/api/v1/consultations/${pub.id}`)).status).toBe(200);
		const listed = await ctx.call('GET', '/api/v1/consultations?limit=100');
		const ids = listed.json.items.map((c: { id: string }) => c.id);
		expect(ids).toContain(pub.id);
		expect(ids).not.toContain(network.id);
	});

	it('one vote per person across channels; results hidden until closing', async () => {
		const c = await open('voting', { settings: { assistedBallots: true } });
		const made = await ctx.call('POST', `/api/v1/consultations/${c.id}/polls`, {
			token: ada.token,
			body: {
				question: 'Quale orario?',
				method: 'single',
				options: ['Mattina', 'Pomeriggio'],
				anonymous: true
			}
		});
		expect(made.status).toBe(201);
		const poll = made.json.poll;
		expect(poll).toMatchObject({ method: 'single', status: 'open', results: 'after_close' });
		const choice = [poll.options[0].id];
		const untied = await ctx.call('POST', `/api/v1/polls/${poll.id}/ballots`, {
			token: bea.token,
			body: { choices: choice }
		});
		expect(untied.status).toBe(403);
		expect(untied.json).toMatchObject({ reason: 'not_eligible', requirement: 'identity' });
		const tie = await ctx.call('POST', '/api/v1/me/identity', {
			token: bea.token,
			body: { personKey: codiceFiscale(1) }
		});
		expect(tie.status).toBe(200);
		expect(JSON.stringify(tie.json)).not.toContain(codiceFiscale(1));
		const wrong = await ctx.call('POST', '/api/v1/me/identity', {
			token: carlo.token,
			body: {
				personKey: `${codiceFiscale(2).slice(0, 15)}${codiceFiscale(2).endsWith('A') ? 'B' : 'A'}`
			}
		});
		expect(wrong.status).toBe(400);
		expect(wrong.json.error.fields.personKey).toBeTruthy();
		const assisted = await ctx.call('POST', `/api/v1/polls/${poll.id}/ballots`, {
			token: ada.token,
			body: {
				choices: choice,
				onBehalfOf: { personKey: codiceFiscale(1).toLowerCase(), consent: true }
			}
		});
		expect(assisted.status).toBe(201);
		const own = await ctx.call('POST', `/api/v1/polls/${poll.id}/ballots`, {
			token: bea.token,
			body: { choices: choice }
		});
		expect(own.status).toBe(409);
		expect(own.json.reason).toBe('already_voted');
		const hidden = await ctx.call('GET', `/api/v1/polls/${poll.id}/results`, { token: bea.token });
		expect(hidden.status).toBe(403);
		expect(hidden.json.reason).toBe('results_hidden');
		const voters = await ctx.call('GET', `/api/v1/polls/${poll.id}/voters`, { token: ada.token });
		expect(voters.json.total).toBe(1);
		expect(voters.json.items[0]).toMatchObject({
			name: null,
			channel: 'assisted',
			recordedBy: 'Ada'
		});
		await ctx.call('POST', `/api/v1/consultations/${c.id}/phase`, {
			token: ada.token,
			body: { kind: 'results' }
		});
		const shown = await ctx.call('GET', `/api/v1/polls/${poll.id}/results`);
		expect(shown.json.results).toMatchObject({ ballots: 1, winner: poll.options[0].id });
	});

	it('pages open on a consultation hear that it changed', async () => {
		const c = await open('proposals');
		const [adaSocket, beaSocket] = await Promise.all(
			[ada, bea].map((p) => connectSocket(ctx.server.url, { token: p.token }))
		);
		try {
			expect(await ask(beaSocket, 'consultation:watch', { consultationId: c.id })).toEqual({
				ok: true
			});
			const unknown = await ask(adaSocket, 'consultation:watch', {
				consultationId: crypto.randomUUID()
			});
			expect(unknown.ok).toBe(false);
			expect(unknown.error.code).toBe('not_found');
			const heard = recordEvents(beaSocket, 'consultation:changed');
			await ctx.call('POST', `/api/v1/consultations/${c.id}/proposals`, {
				token: carlo.token,
				body: { title: 'Panchine e ombra al parco', body: 'Per chi cammina piano.' }
			});
			await heard.until((e) => e.consultationId === c.id);
			await ctx.call('POST', `/api/v1/consultations/${c.id}/phase`, {
				token: ada.token,
				body: { kind: 'supports' }
			});
			// The phase moved by hand: a second change.
			await heard.until(() => heard.seen.filter((e) => e.consultationId === c.id).length >= 2);
		} finally {
			adaSocket.close();
			beaSocket.close();
		}
	});
});
