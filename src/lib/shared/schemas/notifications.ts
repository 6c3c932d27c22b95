import { z } from 'zod';
import { idSchema, oneOrMany } from './common';

export const notificationKinds = [
	'claim_on_my_need',
	'claim_finished',
	'mention',
	'duplicate_marked',
	'handover_requested',
	'handover_answered',
	'claim_expiring',
	'stale_claim_released',
	'added_to_group',
	'added_to_organisation',
	'offer_requested',
	'offer_request_answered',
	'invited_to_need',
	'action_partner_asked',
	'action_partner_answered',
	'action_task_overdue',
	'session_confirmed',
	'session_reminder',
	'consultation_phase',
	'proposal_answered',
	'proposal_threshold',
	'commitment_progress'
] as const;

export const markReadSchema = z.object({
	/** Which to mark read; none means all of them. */
	ids: z.array(idSchema, 'v_invalid').max(100, 'v_invalid').optional()
});

const kind = z.enum(notificationKinds, 'v_invalid');

/** The kinds someone wants by e-mail, all of them: an empty list means none, a missing one is refused. */
export const emailChoicesSchema = z.object({
	kinds: z.array(kind, 'v_required').max(notificationKinds.length * 2, 'v_invalid')
});

/** The same from a form, which sends one value per ticked box, or none at all. */
export const emailChoicesFormSchema = z.object({ kinds: oneOrMany(kind) });
