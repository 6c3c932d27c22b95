import { z } from 'zod';
import { idSchema, requiredText } from './common';

export const createTerritorySchema = z.object({
	name: requiredText(1, 120),
	parentId: z
		.union([idSchema, z.literal('')], 'v_invalid')
		.optional()
		.transform((v) => v || null)
});

export const renameTerritorySchema = z.object({ name: requiredText(1, 120) });
