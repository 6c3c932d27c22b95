// Consultations in-process: who may open one, see it and move its phase (table-driven), the
// phases' rules, and the current phase by dates and by hand (on both databases).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/actor';
import { advanceClock, resetClock } from '../../src/lib/server/clock';
import {
	createConsultation,
	getConsultation,
	listConsultations,
	movePhase
} from '../../src/lib/server/consultations/service';
import { DomainError } from '../../src/lib/server/errors';
import { createConsultationSchema } from '../../src/lib/shared/schemas/consultations';
import { useTestDatabase } from '../helpers/in-process';
import { organisation, people } from '../helpers/organisations';
import { codeOf } from '../helpers/outcomes';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
	database = await useTestDatabase({ RATE_LIMIT_DISABLED: '1', LOG_LEVEL: 'silent' });
});
afterAll(() => database.close());
afterEach(() => resetClock());

const DAY = 86_400_000;
const from = (days: number) => new Date(Date.now() + days * DAY).toISOString();

function consultation(organisationId: string, fields: Record<string, unknown> = {}) {
	return createConsultationSchema.parse({
		title: 'Il nuovo centro civico: che cosa deve offrire?',
		description: 'Proponete, sostenete, votate: il quartiere decide.',
		organisationId,
		phases: [
			{ kind: 'information', startsAt: from(-10), endsAt: from(-5) },
			{ kind: 'proposals', startsAt: from(-5), endsAt: from(5) },
			{ kind: 'voting', startsAt: from(5), endsAt: from(15) },
			{ kind: 'results', startsAt: from(15), endsAt: from(40) }
		],
		...fields
	});
}

describe('who may do what', () => {
	type Who =
		| 'coordinator'
		| 'operator'
		| 'unverified coordinator'
		| 'other coordinator'
		| 'resident'
		| 'signed out';
	let actors: Record<Who, Actor | null>;
	let org: Awaited<ReturnType<typeof organisation>>;

	beforeAll(async () => {
		const [c, o, u, oc, r] = await people(5, 'Consulta');
		org = await organisation([
			[c, 'coordinator'],
			[o, 'operator']
		]);
		const pending = await organisation([[u, 'coordinator']], 'pending');
		const other = await organisation([[oc, 'coordinator']]);
		actors = {
			coordinator: org.as(c, 'coordinator'),
			operator: org.as(o, 'operator'),
			'unverified coordinator': pending.as(u, 'coordinator'),
			'other coordinator': other.as(oc, 'coordinator'),
			resident: r,
			'signed out': null
		};
	});

	it.each([
		// who, [open for own org, see public, see network, move phase]
		['coordinator', ['ok', 'ok', 'ok', 'ok']],
		['operator', ['forbidden', 'ok', 'ok', 'forbidden']],
		['other coordinator', ['forbidden', 'ok', 'ok', 'forbidden']],
		['resident', ['forbidden', 'ok', 'ok', 'forbidden']],
		['signed out', ['unauthenticated', 'ok', 'not_found', 'not_found']]
	] as const)('%s', async (who, expected) => {
		const actor = actors[who as Who];
		const lead = actors.coordinator!;
		const open = await codeOf(createConsultation(actor, consultation(org.id)));
		const pub = await createConsultation(lead, consultation(org.id));
		const net = await createConsultation(lead, consultation(org.id, { visibility: 'network' }));
		const seePublic = await codeOf(getConsultation(actor, pub.id));
		const seeNetwork = await codeOf(getConsultation(actor, net.id));
		const move = await codeOf(movePhase(actor, net.id, 'voting'));
		expect([open, seePublic, seeNetwork, move]).toEqual(expected);
		// The list agrees with the page.
		const listed = (await listConsultations(actor, { limit: 100 })).items.map((c) => c.id);
		expect(listed.includes(net.id)).toBe(seeNetwork === 'ok');
		expect(listed.includes(pub.id)).toBe(true);
	});

	it('a coordinator of an organisation not yet verified may not open one', async () => {
		const pending = actors['unverified coordinator']!;
		const orgId = [...pending.roles.keys()][0];
		expect(await codeOf(createConsultation(pending, consultation(orgId)))).toBe('forbidden');
	});
});

describe('phases', () => {
	let lead: Actor;
	let orgId: string;
	beforeAll(async () => {
		const [c] = await people(1, 'Fasi');
		const org = await organisation([[c, 'coordinator']]);
		lead = org.as(c, 'coordinator');
		orgId = org.id;
	});

	it('refuses phases out of order, repeated, or with dates going back', () => {
		const bad = (phases: unknown) => {
			const parsed = createConsultationSchema.safeParse({
				title: 'Titolo',
				description: 'Descrizione',
				organisationId: orgId,
				phases
			});
			return parsed.success ? 'ok' : parsed.error.issues.map((i) => i.message).join(',');
		};
		const p = (kind: string, s: number, e: number) => ({
			kind,
			startsAt: from(s),
			endsAt: from(e)
		});
		expect(bad([p('voting', 0, 5), p('proposals', 5, 10)])).toBe('v_phase_order');
		expect(bad([p('voting', 0, 5), p('voting', 5, 10)])).toBe('v_phase_order');
		expect(bad([p('proposals', 5, 10), p('voting', 0, 20)])).toBe('v_phase_dates');
		expect(bad([p('proposals', 5, 1)])).toBe('v_phase_dates');
		expect(bad([])).toBe('v_required');
		expect(bad([p('proposals', 0, 5), p('results', 5, 10)])).toBe('ok');
	});

	it('the current phase follows the dates; a move by hand holds until the next start', async () => {
		const c = await createConsultation(lead, consultation(orgId));
		expect(c.currentPhase).toBe('proposals');
		expect(c.settings).toEqual({
			supportsPerPerson: 10,
			supportThreshold: 0,
			proposalsPerPerson: 3,
			assistedBallots: false,
			requireIdentity: false
		});
		const moved = await movePhase(lead, c.id, 'voting');
		expect(moved.currentPhase).toBe('voting');
		// Voting's own start passes; the results' start ends the move and the dates lead again.
		advanceClock(6 * DAY);
		expect((await getConsultation(lead, c.id)).currentPhase).toBe('voting');
		advanceClock(10 * DAY);
		expect((await getConsultation(lead, c.id)).currentPhase).toBe('results');
	});

	it('refuses a move to a phase the consultation does not have, and an unknown place', async () => {
		const c = await createConsultation(lead, consultation(orgId));
		expect(await codeOf(movePhase(lead, c.id, 'supports'))).toBe('invalid_input');
		const wrongPlace = await createConsultation(
			lead,
			consultation(orgId, { territoryId: crypto.randomUUID() })
		).catch((e: DomainError) => e.details.fields);
		expect(wrongPlace).toEqual({ territoryId: 'v_invalid' });
	});
});
