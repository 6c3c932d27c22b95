import { m } from '$lib/paraglide/messages';
import type { AnswerState, PhaseKind } from './schemas/consultations';

type Options = { locale: 'it' | 'en' } | undefined;

/** A phase's name in the reader's language. */
export function phaseName(kind: PhaseKind, options?: Options): string {
	switch (kind) {
		case 'information':
			return m.phase_information({}, options);
		case 'proposals':
			return m.phase_proposals({}, options);
		case 'supports':
			return m.phase_supports({}, options);
		case 'voting':
			return m.phase_voting({}, options);
		case 'results':
			return m.phase_results({}, options);
	}
}

/** A proposal's answer state in the reader's language. */
export function answerStateName(state: AnswerState, options?: Options): string {
	switch (state) {
		case 'published':
			return m.answer_state_published({}, options);
		case 'evaluating':
			return m.answer_state_evaluating({}, options);
		case 'accepted':
			return m.answer_state_accepted({}, options);
		case 'rejected':
			return m.answer_state_rejected({}, options);
	}
}
