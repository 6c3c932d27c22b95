import { error } from '@sveltejs/kit';
import { castBallot } from '$lib/server/consultations/ballots';
import { consultationFrame, visibleResults } from '$lib/server/consultations/consultation-page';
import { tieIdentity } from '$lib/server/consultations/identity';
import { getPoll } from '$lib/server/consultations/polls';
import { errorMessage } from '$lib/server/errors';
import { actorOf } from '$lib/server/http/context';
import { handleForm } from '$lib/server/http/forms';
import { guardPage, pageId } from '$lib/server/http/pages';
import { m } from '$lib/paraglide/messages';
import { castBallotSchema, identitySchema } from '$lib/shared/schemas/consultations';
import type { Actions, PageServerLoad } from './$types';

/** A poll: its ballot form while open, its results when the reader may see them. */
export const load: PageServerLoad = (event) =>
	guardPage(event, async () => {
		const actor = await actorOf(event);
		const id = pageId(event.params.id);
		const poll = await getPoll(actor, pageId(event.params.pollId));
		if (poll.consultationId !== id) error(404, errorMessage('not_found'));
		const [page, results] = await Promise.all([
			consultationFrame(actor, id),
			visibleResults(actor, poll.id)
		]);
		const c = page.consultation;
		return {
			poll,
			results,
			consultation: c,
			can: page.can,
			opensAt: poll.opensAt ?? page.opens.voting,
			identityTied: page.identityTied,
			needsIdentity: c.settings.assistedBallots || c.settings.requireIdentity,
			signedIn: actor !== null
		};
	});

/**
 * A ballot from the form, whatever its method: one `choice` (single), ticked `choices`
 * (approval), the `rank` selects in order (ranked, blanks skipped) or a `score-<option>` per
 * option (score, blanks skipped); for an assisted ballot also the code and the consent.
 */
function ballotFrom(form: FormData) {
	const keys = [...form.keys()];
	const scores = keys.filter((k) => k.startsWith('score-'));
	const choices = scores.length
		? scores
				.filter((k) => form.get(k) !== '')
				.map((k) => ({ optionId: k.slice('score-'.length), score: Number(form.get(k)) }))
		: [...form.getAll('choice'), ...form.getAll('choices'), ...form.getAll('rank')].filter(
				(v) => v !== ''
			);
	const assisted = form.get('assisted') === 'true';
	return {
		choices,
		...(assisted
			? {
					onBehalfOf: {
						personKey: String(form.get('personKey') ?? ''),
						consent: form.get('consent') === 'on'
					}
				}
			: {})
	};
}

const cast = (name: 'vote' | 'assist') => async (event: Parameters<Actions[string]>[0]) => {
	const actor = await actorOf(event);
	const pollId = pageId(event.params.pollId);
	return handleForm(
		event.request,
		castBallotSchema,
		async (input) => {
			await castBallot(actor, pollId, input);
			return { form: name, success: name === 'vote' ? m.ballot_cast() : m.ballot_recorded() };
		},
		{ form: name, shape: ballotFrom }
	);
};

export const actions: Actions = {
	vote: cast('vote'),
	assist: cast('assist'),
	identity: async (event) => {
		const actor = await actorOf(event);
		return handleForm(
			event.request,
			identitySchema,
			async ({ personKey }) => {
				await tieIdentity(actor, personKey);
				return { form: 'identity', success: m.identity_tied() };
			},
			{ form: 'identity' }
		);
	}
};
