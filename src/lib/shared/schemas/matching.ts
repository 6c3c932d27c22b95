import { z } from 'zod';
import { idSchema } from './common';

/** Why a match fits, as codes (docs/api.md); the pages say them in words. */
export const matchReasons = [
	'category',
	'skill',
	'territory',
	'available_now',
	'available_due',
	'language',
	'light_load',
	'done_before'
] as const;

/** A coordinator invites a suggested person to a need. */
export const inviteSchema = z.object({ userId: idSchema });

export type MatchReason = (typeof matchReasons)[number];
export type InviteInput = z.infer<typeof inviteSchema>;
