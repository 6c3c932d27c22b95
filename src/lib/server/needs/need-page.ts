import { authorize, type Actor } from '../auth/actor';
import { listCategories } from '../administration/service';
import { config } from '../config';
import { db } from '../db/client';
import { myOrganisations } from '../orgs/service';
import { skillsOf } from './claims';
import { contactLog } from './contacts';
import { handoversOf } from './handovers';
import { historyOf } from './history';
import { needCan } from './policy';
import { personKeyMatches, seeNeed } from './service';
import { needTarget, shapeNeed } from './views';
import { contactsSeen, noteAccess } from '../privacy/access-log';
import { canNeedPrivacy } from '../privacy/policy';

/** The organisations a person may speak for when asking for a handover: as operator or coordinator. */
async function organisationsSpokenFor(actor: Actor) {
	const mine = await myOrganisations(actor);
	return mine.filter((o) => o.myRole === 'operator' || o.myRole === 'coordinator');
}

/**
 * Everything a need's page shows, for this person: one visibility check and one read of the
 * need, then the rest at once, and what they may do from the needs policy. Writes nothing.
 */
export async function needPage(actor: Actor | null, id: string) {
	authorize(actor, actor !== null);
	const { row, holds } = await seeNeed(actor, id);
	const need = shapeNeed(actor, row);
	const target = needTarget(row.need, holds);
	// The qualification gate needs the person's skills only where a part requires one.
	const gated = need.parts.some((p) => p.requiredSkill !== null);
	const can = needCan(actor, {
		...target,
		status: need.status,
		full: need.parts.every((p) => p.claimedCount >= p.capacity),
		parts: need.parts.map((p) => ({ id: p.id, requiredSkillId: p.requiredSkill?.id ?? null })),
		skillIds: gated ? await skillsOf(db, actor.id) : []
	});
	const [matches, contacts, history, handovers, speaksFor, categories] = await Promise.all([
		personKeyMatches(actor, row.need, 'page'),
		can.contactLog ? contactLog(id) : null,
		can.history ? historyOf(db, id) : [],
		can.handovers === 'none' ? [] : handoversOf(actor, id, can.handovers === 'all'),
		organisationsSpokenFor(actor),
		listCategories()
	]);
	if (matches !== undefined) need.personKeyMatches = matches;
	await noteAccess(actor, contactsSeen(actor, [need]), 'page');
	return {
		need,
		me: actor.id,
		can,
		contacts,
		history,
		handovers,
		speaksFor,
		// Who saw the person's data, and the consents: for those who answer for it.
		privacy: canNeedPrivacy(actor, 'readAccessLog', row.need),
		staleClaimDays: config().staleClaimDays,
		handoverHours: config().handoverAutoApproveHours,
		categories
	};
}
