import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fieldKeys } from '../../src/lib/server/input';
import { loginSchema, setupSchema, signupSchema } from '../../src/lib/shared/schemas/accounts';
import { categorySchema, skillSchema } from '../../src/lib/shared/schemas/administration';
import { addMemberByEmailSchema } from '../../src/lib/shared/schemas/channels';
import { createNeedSchema } from '../../src/lib/shared/schemas/needs';
import { createOrganisationSchema } from '../../src/lib/shared/schemas/orgs';
import { createTerritorySchema } from '../../src/lib/shared/schemas/territories';

/** What each field of a form sent empty says, as the person reads it. */
const emptyForm = (schema: z.ZodType, fields: string[]) => {
	const result = schema.safeParse(Object.fromEntries(fields.map((f) => [f, ''])));
	return result.success ? {} : fieldKeys(result.error);
};

describe('a required field left empty', () => {
	it.each([
		['a need', createNeedSchema, ['title', 'description', 'category']],
		['an account', signupSchema, ['name', 'email', 'password']],
		['a first run', setupSchema, ['networkName']],
		['a login', loginSchema, ['email', 'password']],
		['an organisation', createOrganisationSchema, ['name']],
		['a territory', createTerritorySchema, ['name']],
		['a skill', skillSchema, ['name']],
		['a category', categorySchema, ['id', 'labelIt', 'labelEn']],
		['a channel member', addMemberByEmailSchema, ['email']]
	] as const)('says "required" on %s, not "too short"', (_, schema, fields) => {
		const keys = emptyForm(schema, [...fields]);
		for (const field of fields) expect(keys[field], field).toBe('v_required');
	});

	it('still says "too short" when something short was written', () => {
		expect(emptyForm(createNeedSchema, []).title).toBe('v_required');
		const result = createNeedSchema.safeParse({ title: 'ab', description: 'x', category: 'c' });
		expect(result.success ? {} : fieldKeys(result.error)).toEqual({ title: 'v_too_short' });
	});
});
