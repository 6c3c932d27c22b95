import { z } from 'zod';
import { idSchema } from './common';

/** Vouching for a person: for the network (administrators) or for one verified organisation. */
export const vouchSchema = z.object({
	organisationId: z
		.union([idSchema, z.literal(''), z.null()], 'v_invalid')
		.optional()
		.transform((v) => v || null),
	note: z.string('v_invalid').trim().max(500, 'v_too_long').default('')
});

export type VouchInput = z.infer<typeof vouchSchema>;
