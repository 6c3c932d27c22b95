// The trust levels of docs/trust.md as one table: for each capability, what an account alone, a
// pending organisation, a verified one, a trusted helper, someone vouched for and an outsider may
// do. A rule that is weakened (or tightened) fails here.
import { describe, expect, it } from 'vitest';
import { testActor } from '../helpers/actors';
import { isTrusted, type Actor } from '../../src/lib/server/auth/actor';
import { canChannel } from '../../src/lib/server/channels/policy';
import {
	canNeed,
	claimDenial,
	postingRefusal,
	type ClaimRule,
	type NeedTarget
} from '../../src/lib/server/needs/policy';

const PENDING = 'org-pending';
const VERIFIED = 'org-verified';

const levels: [string, Actor | null][] = [
	['signed out', null],
	['unverified address', testActor('unverified', { emailVerified: false })],
	['account alone', testActor('alone')],
	[
		'pending organisation (its coordinator)',
		testActor('pend', { roles: new Map([[PENDING, 'coordinator']]) })
	],
	[
		'verified organisation (its coordinator)',
		testActor('ver', { roles: new Map([[VERIFIED, 'coordinator']]), verified: [VERIFIED] })
	],
	[
		'trusted helper (volunteer elsewhere)',
		testActor('vol', { roles: new Map([['org-other', 'volunteer']]), verified: ['org-other'] })
	],
	['vouched for', testActor('vouched', { vouched: true })],
	[
		'outsider of a pending organisation only',
		testActor('out', { roles: new Map([['org-pending-2', 'volunteer']]) })
	]
];
const header = 'out unver alone pendC verC trusted vouched pendOut';

function row(answers: string): boolean[] {
	const letters = answers.trim().split(/\s+/);
	expect(letters, `a row needs ${levels.length} answers (${header})`).toHaveLength(levels.length);
	return letters.map((l) => l === 'y');
}

function check(
	table: Record<string, string>,
	decide: (actor: Actor | null, what: string) => boolean
) {
	for (const [what, answers] of Object.entries(table)) {
		const expected = row(answers);
		levels.forEach(([name, actor], i) =>
			expect(decide(actor, what), `${name} → ${what}`).toBe(expected[i])
		);
	}
}

const needOf = (claimRule: ClaimRule, organisationId: string | null = VERIFIED): NeedTarget => ({
	organisationId,
	visibility: 'public',
	authorId: 'someone-else',
	claimRule
});

describe('trust levels (docs/trust.md)', () => {
	it('who is a trusted helper', () => {
		check({ trusted: 'n n n n y y y n' }, (actor) => isTrusted(actor));
	});

	it('posting needs: oneself, and for one’s own organisation by what the organisation may hold', () => {
		const own = (actor: Actor | null) => [...(actor?.roles.keys() ?? [])][0] ?? null;
		check(
			{
				//                               out unver alone pendC verC trusted vouched pendOut
				'a request for oneself': /*     */ 'n   n     y     y     y    y       y       y',
				'with a contact, for one’s org': 'n   n     n     n     y    n       n       n',
				'with a person key, for one’s org': 'n n     n     n     y    n       n       n',
				'for one’s own people, no contact': 'n n     n     y     y    n       n       n',
				'for trusted helpers, no contact': 'n  n     n     n     y    n       n       n'
			},
			(actor, what) => {
				const organisationId = what === 'a request for oneself' ? null : own(actor);
				if (what !== 'a request for oneself' && !organisationId) return false;
				return (
					postingRefusal(actor, {
						organisationId,
						contact: what.startsWith('with a contact') ? 'tel. 333' : '',
						personKey: what.startsWith('with a person key') ? 'RSSMRA80A01H501U' : null,
						claimRule: what.startsWith('for one’s own')
							? 'organisation'
							: what.startsWith('for trusted')
								? 'trusted'
								: undefined
					}) === null
				);
			}
		);
	});

	it('claiming follows the need’s rule', () => {
		check(
			{
				//                                        out unver alone pendC verC trusted vouched pendOut
				'anyone: a resident’s lift': /*          */ 'n   n     y     y     y    y       y       y',
				'trusted: a verified organisation’s need': 'n  n     n     n     y    y       y       n',
				'organisation: its own people only': /*  */ 'n   n     n     n     y    n       n       n',
				'a pending organisation’s need': /*      */ 'n   n     n     y     n    n       n       n'
			},
			(actor, what) => {
				const need = what.startsWith('anyone')
					? needOf('anyone', null)
					: what.startsWith('trusted')
						? needOf('trusted')
						: what.startsWith('organisation')
							? needOf('organisation')
							: needOf('organisation', PENDING);
				return canNeed(actor, 'claim', need);
			}
		);
	});

	it('a refused claim says why', () => {
		expect(claimDenial(levels[1][1], needOf('anyone', null))).toBe('email_not_verified');
		expect(claimDenial(levels[2][1], needOf('trusted'))).toBe('not_trusted');
		expect(claimDenial(levels[5][1], needOf('trusted'))).toBeUndefined();
	});

	it('a helper reaches the person only while the rule admits them, and the person consents', () => {
		check({ 'contact of a trusted need they hold': 'n n n n y y y n' }, (actor) =>
			canNeed(actor, 'viewContact', {
				...needOf('trusted'),
				actorHoldsClaim: true,
				contactShared: true
			})
		);
		// Without consent to share with helpers, only the organisation's own people see it.
		check({ 'contact of a trusted need they hold': 'n n n n y n n n' }, (actor) =>
			canNeed(actor, 'viewContact', {
				...needOf('trusted'),
				actorHoldsClaim: true,
				contactShared: false
			})
		);
	});

	it('closing a need is for its owners, never for a helper', () => {
		check({ 'complete a need one helps on': 'n n n n y n n n' }, (actor) =>
			canNeed(actor, 'complete', { ...needOf('trusted'), actorHoldsClaim: true })
		);
	});

	it('person keys and the channels about a person: verified organisations only', () => {
		check({ 'open the person’s joint channel': 'n n n n y n n n' }, (actor) => {
			const org = [...(actor?.roles.keys() ?? [])][0] ?? null;
			return canNeed(actor, 'personKeyChannel', {
				...needOf('trusted', org),
				visibility: 'organisation'
			});
		});
	});

	it('in a joint channel each organisation moderates its own people only', () => {
		const joint = {
			kind: 'joint' as const,
			organisationId: null,
			organisationIds: [VERIFIED, 'org-other'],
			createdBy: 'ver',
			isMember: true
		};
		const coordinator = testActor('ver', {
			roles: new Map([[VERIFIED, 'coordinator']]),
			verified: [VERIFIED]
		});
		expect(
			canChannel(coordinator, 'deleteAnyMessage', joint, { id: 'x', organisationIds: [VERIFIED] })
		).toBe(true);
		expect(
			canChannel(coordinator, 'deleteAnyMessage', joint, {
				id: 'y',
				organisationIds: ['org-other']
			})
		).toBe(false);
	});
});
