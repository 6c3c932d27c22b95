// Every policy as a table: each role × each action × this organisation or another, with the
// expected answer written out. A rule that is weakened (or tightened) fails here.
import { testActor } from '../helpers/actors';
import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/lib/server/auth/actor';
import {
	canAdminister,
	type AdministrationAction
} from '../../src/lib/server/administration/policy';
import {
	canNeed,
	canPostNeed,
	needCan,
	type NeedAction,
	type NeedTarget
} from '../../src/lib/server/needs/policy';
import {
	canChannel,
	type ChannelAction,
	type ChannelTarget
} from '../../src/lib/server/channels/policy';
import { canOrganisation, type OrganisationAction } from '../../src/lib/server/orgs/policy';
import { canPerson, type PersonAction } from '../../src/lib/server/people/policy';
import { canTerritory, type TerritoryAction } from '../../src/lib/server/territories/policy';

const HERE = 'org-here';
const ELSEWHERE = 'org-elsewhere';

function member(id: string, org: string, role: Role): Actor {
	return testActor(id, { roles: new Map([[org, role]]), verified: [org] });
}

/** The columns of every table, in this order. */
const actors: [string, Actor | null][] = [
	['anonymous', null],
	['person', testActor('person')],
	['volunteer here', member('vol-here', HERE, 'volunteer')],
	['operator here', member('op-here', HERE, 'operator')],
	['coordinator here', member('coord-here', HERE, 'coordinator')],
	['volunteer elsewhere', member('vol-else', ELSEWHERE, 'volunteer')],
	['operator elsewhere', member('op-else', ELSEWHERE, 'operator')],
	['coordinator elsewhere', member('coord-else', ELSEWHERE, 'coordinator')],
	['network admin', testActor('admin', { isAdmin: true })]
];
const header = 'anon person volH opH coordH volE opE coordE admin';

/** Turns "y n y …" (one letter per actor, in the order above) into booleans. */
function row(answers: string): boolean[] {
	const letters = answers.trim().split(/\s+/);
	expect(letters, `a row needs ${actors.length} answers (${header})`).toHaveLength(actors.length);
	return letters.map((l) => l === 'y');
}

function checkTable<A extends string>(
	table: Record<A, string>,
	decide: (actor: Actor | null, action: A) => boolean
) {
	for (const [action, answers] of Object.entries(table) as [A, string][]) {
		const expected = row(answers);
		actors.forEach(([name, actor], i) => {
			expect(decide(actor, action), `${name} → ${action}`).toBe(expected[i]);
		});
	}
}

describe('organisations policy', () => {
	it('on a verified organisation', () => {
		//                                   anon person volH opH coordH volE opE coordE admin
		const table: Record<OrganisationAction, string> = {
			create: /*                    */ 'n    y      y    y   y      y    y   y      y',
			view: /*                      */ 'y    y      y    y   y      y    y   y      y',
			viewMembers: /*               */ 'n    n      y    y   y      n    n   n      n',
			viewQueue: /*                 */ 'n    n      y    y   y      n    n   n      n',
			edit: /*                      */ 'n    n      n    n   y      n    n   n      n',
			manageMembers: /*             */ 'n    n      n    n   y      n    n   n      n',
			invite: /*                    */ 'n    n      n    n   y      n    n   n      n',
			decideJoinRequests: /*        */ 'n    n      n    n   y      n    n   n      n',
			review: /*                    */ 'n    n      n    n   n      n    n   n      y',
			requestToJoin: /*             */ 'n    y      n    n   n      y    y   y      y',
			leave: /*                     */ 'n    n      y    y   y      n    n   n      n'
		};
		checkTable(table, (actor, action) =>
			canOrganisation(actor, action, { id: HERE, status: 'verified' })
		);
	});

	it('on a pending organisation: it works for its members, others still see it', () => {
		const table: Partial<Record<OrganisationAction, string>> = {
			view: /*                      */ 'y    y      y    y   y      y    y   y      y',
			viewMembers: /*               */ 'n    n      y    y   y      n    n   n      n',
			invite: /*                    */ 'n    n      n    n   y      n    n   n      n',
			review: /*                    */ 'n    n      n    n   n      n    n   n      y',
			requestToJoin: /*             */ 'n    y      n    n   n      y    y   y      y'
		};
		checkTable(table as Record<OrganisationAction, string>, (actor, action) =>
			canOrganisation(actor, action, { id: HERE, status: 'pending' })
		);
	});

	it('on a rejected organisation: only its members and administrators see it', () => {
		const table: Partial<Record<OrganisationAction, string>> = {
			view: /*                      */ 'n    n      y    y   y      n    n   n      y',
			requestToJoin: /*             */ 'n    n      n    n   n      n    n   n      n',
			review: /*                    */ 'n    n      n    n   n      n    n   n      y'
		};
		checkTable(table as Record<OrganisationAction, string>, (actor, action) =>
			canOrganisation(actor, action, { id: HERE, status: 'rejected' })
		);
	});
});

describe('needs policy (the privacy rule of docs/api.md, with trust)', () => {
	// Both organisations are verified here: their members are trusted helpers (docs/trust.md).
	const publicOrgNeed: NeedTarget = {
		organisationId: HERE,
		visibility: 'public',
		authorId: 'op-here',
		claimRule: 'trusted'
	};
	const orgOnlyNeed: NeedTarget = { ...publicOrgNeed, visibility: 'organisation' };
	const personalNeed: NeedTarget = {
		organisationId: null,
		visibility: 'public',
		authorId: 'person',
		claimRule: 'anyone'
	};

	it('on a public need of this organisation for trusted helpers, posted by one of its operators', () => {
		const table: Record<NeedAction, string> = {
			view: /*                      */ 'n    y      y    y   y      y    y   y      y',
			viewContact: /*               */ 'n    n      y    y   y      n    n   n      n',
			viewHistory: /*               */ 'n    n      y    y   y      n    n   n      n',
			edit: /*                      */ 'n    n      n    y   y      n    n   n      n',
			claim: /*                     */ 'n    n      y    n   y      y    y   y      y',
			askHandover: /*               */ 'n    n      y    n   y      y    y   y      y',
			finishClaim: /*               */ 'n    n      n    n   n      n    n   n      n',
			complete: /*                  */ 'n    n      n    y   y      n    n   n      n',
			act: /*                       */ 'n    n      y    y   y      n    n   n      n',
			openChannel: /*               */ 'n    n      y    y   y      n    n   n      n',
			markDuplicate: /*             */ 'n    n      n    y   y      n    n   n      n',
			releaseStale: /*              */ 'n    n      n    n   y      n    n   n      n',
			personKeyChannel: /*          */ 'n    n      n    y   y      n    n   n      n',
			coordinate: /*                */ 'n    n      y    y   y      n    n   n      n'
		};
		checkTable(table, (actor, action) => canNeed(actor, action, publicOrgNeed));
	});

	it('on an organisation-only need: nobody outside the organisation, administrators included', () => {
		const table: Record<NeedAction, string> = {
			view: /*                      */ 'n    n      y    y   y      n    n   n      n',
			viewContact: /*               */ 'n    n      y    y   y      n    n   n      n',
			viewHistory: /*               */ 'n    n      y    y   y      n    n   n      n',
			edit: /*                      */ 'n    n      n    y   y      n    n   n      n',
			claim: /*                     */ 'n    n      y    n   y      n    n   n      n',
			askHandover: /*               */ 'n    n      y    n   y      n    n   n      n',
			finishClaim: /*               */ 'n    n      n    n   n      n    n   n      n',
			complete: /*                  */ 'n    n      n    y   y      n    n   n      n',
			act: /*                       */ 'n    n      y    y   y      n    n   n      n',
			openChannel: /*               */ 'n    n      y    y   y      n    n   n      n',
			markDuplicate: /*             */ 'n    n      n    y   y      n    n   n      n',
			releaseStale: /*              */ 'n    n      n    n   y      n    n   n      n',
			personKeyChannel: /*          */ 'n    n      n    y   y      n    n   n      n',
			coordinate: /*                */ 'n    n      y    y   y      n    n   n      n'
		};
		checkTable(table, (actor, action) => canNeed(actor, action, orgOnlyNeed));
		// Holding a claim does not open an organisation-only need to an outsider.
		checkTable(
			{ view: 'n n y y y n n n n', viewContact: 'n n y y y n n n n' } as Record<NeedAction, string>,
			(actor, action) => canNeed(actor, action, { ...orgOnlyNeed, actorHoldsClaim: true })
		);
	});

	it('a holder sees helpers and history while the rule admits them, contact only with consent, and ends only their own claim', () => {
		checkTable(
			{
				viewContact: 'n n y y y y y y y',
				viewHistory: 'n n y y y y y y y',
				finishClaim: 'n n y y y y y y y',
				// Closing the whole need stays with its owners.
				complete: 'n n n y y n n n n',
				act: 'n n y y y y y y y',
				// Working on it with the organisation, the holder does; a would-be helper does not.
				coordinate: 'n n y y y y y y y'
			} as Record<NeedAction, string>,
			(actor, action) =>
				canNeed(actor, action, { ...publicOrgNeed, actorHoldsClaim: true, contactShared: true })
		);
		// Without the person's consent to share with helpers, only the organisation sees contact.
		checkTable(
			{ viewContact: 'n n y y y n n n n', viewHistory: 'n n y y y y y y y' } as Record<
				NeedAction,
				string
			>,
			(actor, action) =>
				canNeed(actor, action, { ...publicOrgNeed, actorHoldsClaim: true, contactShared: false })
		);
	});

	it("on a resident's own need, open to anyone with a verified address", () => {
		const table: Record<NeedAction, string> = {
			view: /*                      */ 'n    y      y    y   y      y    y   y      y',
			viewContact: /*               */ 'n    y      n    n   n      n    n   n      n',
			viewHistory: /*               */ 'n    y      n    n   n      n    n   n      n',
			edit: /*                      */ 'n    y      n    n   n      n    n   n      n',
			claim: /*                     */ 'n    n      y    y   y      y    y   y      y',
			askHandover: /*               */ 'n    n      y    y   y      y    y   y      y',
			finishClaim: /*               */ 'n    n      n    n   n      n    n   n      n',
			complete: /*                  */ 'n    y      n    n   n      n    n   n      n',
			act: /*                       */ 'n    y      n    n   n      n    n   n      n',
			openChannel: /*               */ 'n    y      n    n   n      n    n   n      n',
			markDuplicate: /*             */ 'n    y      n    n   n      n    n   n      n',
			releaseStale: /*              */ 'n    n      n    n   n      n    n   n      n',
			personKeyChannel: /*          */ 'n    n      n    n   n      n    n   n      n',
			coordinate: /*                */ 'n    n      n    n   n      n    n   n      n'
		};
		checkTable(table, (actor, action) => canNeed(actor, action, personalNeed));
	});

	it("a need's screen: who only asked follows her request; who works on it sees the rest", () => {
		type Flag = 'asker' | 'slots' | 'presence' | 'contactLog' | 'allHandovers' | 'noHandovers';
		const flag = (target: NeedTarget) => (actor: Actor | null, name: Flag) => {
			const can = needCan(actor, { ...target, status: 'in_progress', full: true });
			if (name === 'allHandovers') return can.handovers === 'all';
			if (name === 'noHandovers') return can.handovers === 'none';
			return can[name];
		};
		checkTable(
			{
				asker: /*                     */ 'n    y      n    n   n      n    n   n      n',
				slots: /*                     */ 'n    n      y    y   y      y    y   y      y',
				presence: /*                  */ 'n    n      y    y   y      y    y   y      y',
				contactLog: /*                */ 'n    n      n    n   n      n    n   n      n',
				allHandovers: /*              */ 'n    n      n    n   n      n    n   n      n',
				noHandovers: /*               */ 'n    y      n    n   n      n    n   n      n'
			} as Record<Flag, string>,
			flag(personalNeed)
		);
		// An operator who posted for the organisation works on it: no asker's view for her.
		checkTable(
			{
				asker: /*                     */ 'n    n      n    n   n      n    n   n      n',
				contactLog: /*                */ 'n    n      y    y   y      n    n   n      n',
				allHandovers: /*              */ 'n    n      y    y   y      n    n   n      n'
			} as Record<Flag, string>,
			flag(publicOrgNeed)
		);
	});

	it('posting: for oneself when signed in; for an organisation as its operator or coordinator', () => {
		checkTable(
			{ self: 'n y y y y y y y y', here: 'n n n y y n n n n' } as Record<'self' | 'here', string>,
			(actor, action) => canPostNeed(actor, action === 'here' ? HERE : null)
		);
	});
});

describe('territories policy', () => {
	it('anyone reads the map; administrators change it', () => {
		const table: Record<TerritoryAction, string> = {
			view: /*                      */ 'y    y      y    y   y      y    y   y      y',
			manage: /*                    */ 'n    n      n    n   n      n    n   n      y'
		};
		checkTable(table, canTerritory);
	});
});

describe('people policy', () => {
	it('on someone else the actor has no reason to know: administrators only', () => {
		const table: Record<PersonAction, string> = {
			viewProfile: /*               */ 'n    n      n    n   n      n    n   n      y',
			editProfile: /*               */ 'n    n      n    n   n      n    n   n      n',
			viewContact: /*               */ 'n    n      n    n   n      n    n   n      n'
		};
		checkTable(table, (actor, action) =>
			canPerson(actor, action, { userId: 'someone', shareContact: false })
		);
		checkTable(
			{ viewContact: 'n n n n n n n n y' } as Record<PersonAction, string>,
			(actor, action) => canPerson(actor, action, { userId: 'someone', shareContact: true })
		);
	});

	it('on someone the actor has a reason to know (an organisation, a channel, a need in common)', () => {
		const table: Record<PersonAction, string> = {
			viewProfile: /*               */ 'n    y      y    y   y      y    y   y      y',
			editProfile: /*               */ 'n    n      n    n   n      n    n   n      n',
			viewContact: /*               */ 'n    n      n    n   n      n    n   n      n'
		};
		checkTable(table, (actor, action) =>
			canPerson(actor, action, { userId: 'someone', shareContact: false, hasReason: true })
		);
		checkTable(
			{ viewContact: 'n y y y y y y y y' } as Record<PersonAction, string>,
			(actor, action) =>
				canPerson(actor, action, { userId: 'someone', shareContact: true, hasReason: true })
		);
	});

	it('on oneself', () => {
		checkTable(
			{
				viewProfile: 'n y n n n n n n y',
				editProfile: 'n y n n n n n n n',
				viewContact: 'n y n n n n n n n'
			},
			(actor, action) => canPerson(actor, action, { userId: 'person', shareContact: false })
		);
	});
});

describe('administration policy', () => {
	it('is for network administrators only', () => {
		const table: Record<AdministrationAction, string> = {
			manageSkills: /*              */ 'n    n      n    n   n      n    n   n      y',
			manageCategories: /*          */ 'n    n      n    n   n      n    n   n      y',
			manageAdministrators: /*      */ 'n    n      n    n   n      n    n   n      y',
			viewAuditLog: /*              */ 'n    n      n    n   n      n    n   n      y',
			viewOutbox: /*                */ 'n    n      n    n   n      n    n   n      y',
			setUpNetwork: /*              */ 'n    n      n    n   n      n    n   n      y'
		};
		checkTable(table, canAdminister);
	});
});

describe('channels policy', () => {
	const someoneHere = { id: 'someone', organisationIds: [HERE] };
	const decideOn =
		(channel: Omit<ChannelTarget, 'isMember'>, members: (actor: Actor) => boolean) =>
		(actor: Actor | null, action: ChannelAction) =>
			canChannel(
				actor,
				action,
				{ ...channel, isMember: actor ? members(actor) : false },
				someoneHere
			);

	it("on an organisation's own channel: its members, automatically, and nobody else", () => {
		const table: Record<ChannelAction, string> = {
			read: /*                      */ 'n    n      y    y   y      n    n   n      n',
			post: /*                      */ 'n    n      y    y   y      n    n   n      n',
			join: /*                      */ 'n    n      n    n   n      n    n   n      n',
			invite: /*                    */ 'n    n      n    n   n      n    n   n      n',
			leave: /*                     */ 'n    n      n    n   n      n    n   n      n',
			addMember: /*                 */ 'n    n      n    n   n      n    n   n      n',
			removeMember: /*              */ 'n    n      n    n   n      n    n   n      n',
			deleteAnyMessage: /*          */ 'n    n      n    n   y      n    n   n      n'
		};
		checkTable(
			table,
			decideOn(
				{ kind: 'organisation', organisationId: HERE, organisationIds: [], createdBy: null },
				(a) => a.roles.has(HERE)
			)
		);
	});

	it('on a joint channel: each coordinator brings, removes and moderates people of their own organisation', () => {
		const table: Record<ChannelAction, string> = {
			read: /*                      */ 'n    n      n    n   y      n    n   y      n',
			post: /*                      */ 'n    n      n    n   y      n    n   y      n',
			join: /*                      */ 'n    n      n    n   n      n    n   n      n',
			invite: /*                    */ 'n    n      n    n   y      n    n   y      n',
			leave: /*                     */ 'n    n      n    n   y      n    n   y      n',
			addMember: /*                 */ 'n    n      n    n   y      n    n   n      n',
			removeMember: /*              */ 'n    n      n    n   y      n    n   n      n',
			// A message by a person of this organisation: only its own coordinator moderates it.
			deleteAnyMessage: /*          */ 'n    n      n    n   y      n    n   n      n'
		};
		checkTable(
			table,
			decideOn(
				{
					kind: 'joint',
					organisationId: null,
					organisationIds: [HERE, ELSEWHERE],
					createdBy: 'coord-here'
				},
				(a) => a.id === 'coord-here' || a.id === 'coord-else'
			)
		);
	});

	it('on a group: members add people; its creator removes them', () => {
		const table: Record<ChannelAction, string> = {
			read: /*                      */ 'n    y      y    n   n      n    n   n      n',
			post: /*                      */ 'n    y      y    n   n      n    n   n      n',
			join: /*                      */ 'n    n      n    n   n      n    n   n      n',
			invite: /*                    */ 'n    y      y    n   n      n    n   n      n',
			leave: /*                     */ 'n    y      y    n   n      n    n   n      n',
			addMember: /*                 */ 'n    y      y    n   n      n    n   n      n',
			removeMember: /*              */ 'n    y      n    n   n      n    n   n      n',
			deleteAnyMessage: /*          */ 'n    y      n    n   n      n    n   n      n'
		};
		checkTable(
			table,
			decideOn(
				{ kind: 'group', organisationId: null, organisationIds: [], createdBy: 'person' },
				(a) => a.id === 'person' || a.id === 'vol-here'
			)
		);
	});

	it("on a need's channel: its organisation and its helpers; operators and coordinators add people", () => {
		const table: Record<ChannelAction, string> = {
			read: /*                      */ 'n    n      y    y   y      y    n   n      n',
			post: /*                      */ 'n    n      y    y   y      y    n   n      n',
			join: /*                      */ 'n    n      n    n   n      n    n   n      n',
			invite: /*                    */ 'n    n      n    y   y      n    n   n      n',
			leave: /*                     */ 'n    n      n    n   n      y    n   n      n',
			addMember: /*                 */ 'n    n      n    y   y      n    n   n      n',
			removeMember: /*              */ 'n    n      n    n   y      n    n   n      n',
			deleteAnyMessage: /*          */ 'n    n      n    n   y      n    n   n      n'
		};
		checkTable(
			table,
			decideOn(
				{ kind: 'need', organisationId: HERE, organisationIds: [], createdBy: null },
				(a) => a.roles.has(HERE) || a.id === 'vol-else'
			)
		);
	});

	it('on a territory channel: anyone signed in may opt in', () => {
		const table: Record<ChannelAction, string> = {
			read: /*                      */ 'n    n      n    n   n      n    n   n      n',
			post: /*                      */ 'n    n      n    n   n      n    n   n      n',
			join: /*                      */ 'n    y      y    y   y      y    y   y      y',
			invite: /*                    */ 'n    n      n    n   n      n    n   n      n',
			leave: /*                     */ 'n    n      n    n   n      n    n   n      n',
			addMember: /*                 */ 'n    n      n    n   n      n    n   n      n',
			removeMember: /*              */ 'n    n      n    n   n      n    n   n      n',
			deleteAnyMessage: /*          */ 'n    n      n    n   n      n    n   n      n'
		};
		checkTable(
			table,
			decideOn(
				{ kind: 'territory', organisationId: null, organisationIds: [], createdBy: null },
				() => false
			)
		);
	});
});
