import { z } from 'zod';
import { idSchema } from './common';

export const notificationKinds = [
	'claim_on_my_need',
	'mention',
	'duplicate_marked',
	'handover_requested',
	'handover_answered',
	'claim_expiring',
	'stale_claim_released'
] as const;

export const markReadSchema = z.object({
	/** Which to mark read; none means all of them. */
	ids: z.array(idSchema, 'v_invalid').max(100, 'v_invalid').optional()
});

/** The kinds someone wants by e-mail; a form sends one value per ticked box (or none). */
export const emailChoicesSchema = z.object({
	kinds: z
		.union([
			z.enum(notificationKinds, 'v_invalid'),
			z.array(z.enum(notificationKinds, 'v_invalid'))
		])
		.optional()
		.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
});
