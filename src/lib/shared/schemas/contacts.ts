import { z } from 'zod';
import { optionalText } from './common';

export const contactMeans = ['call', 'visit', 'message'] as const;
export const contactResults = ['reached', 'no_answer', 'wrong_number', 'refused'] as const;

const yes = z
	.union([z.boolean(), z.literal('true'), z.literal('on')], 'v_invalid')
	.optional()
	.transform((v) => v === true || v === 'true' || v === 'on');

export const logContactSchema = z.object({
	means: z.enum(contactMeans, 'v_invalid'),
	result: z.enum(contactResults, 'v_invalid'),
	note: optionalText(500),
	/** Log it although someone reached the person a short while ago (they were warned). */
	confirm: yes
});
export type LogContactInput = z.infer<typeof logContactSchema>;
