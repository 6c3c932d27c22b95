import { describe, expect, it } from 'vitest';
import { personNameSchema } from '../../src/lib/shared/schemas/accounts';
import { createChannelSchema, sendMessageSchema } from '../../src/lib/shared/schemas/channels';
import {
	hasBidiControl,
	isInvisibleOnly,
	optionalText,
	requiredText
} from '../../src/lib/shared/schemas/common';
import { createNeedSchema } from '../../src/lib/shared/schemas/needs';
import { createOrganisationSchema } from '../../src/lib/shared/schemas/orgs';
import { nameSkeleton } from '../../src/lib/shared/name-skeleton';
import { m } from '../../src/lib/paraglide/messages';

const firstMessage = (
	schema: {
		safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } };
	},
	value: unknown
) => {
	const result = schema.safeParse(value);
	return result.success ? null : result.error!.issues[0].message;
};

describe('readable text', () => {
	const invisible = [
		'\u200b',
		'\u200b\u200c\u200d',
		'\u2060\ufeff',
		'\u00ad\u00ad\u00ad',
		' \u200b \u3164 ',
		'\u2800\u2800',
		'\u180e\u034f'
	];
	const bidi = [
		'abc\u202edef',
		'\u202aabc',
		'Anna\u2066x\u2069',
		'x\u202b',
		'x\u202c',
		'x\u202d',
		'x\u2067',
		'x\u2068'
	];

	it('finds direction controls and text that shows nothing', () => {
		for (const text of bidi) expect(hasBidiControl(text), JSON.stringify(text)).toBe(true);
		for (const text of invisible) expect(isInvisibleOnly(text), JSON.stringify(text)).toBe(true);
		// Marks of direction are harmless, and real text in any script is readable.
		for (const text of ['שלום\u200f', 'Anna', 'مرحبا', '日本', 'a\u200bb', 'Città', '🙂'])
			expect(hasBidiControl(text) || isInvisibleOnly(text), text).toBe(false);
		expect(isInvisibleOnly('')).toBe(false);
	});

	it('required and optional text refuse them with their own message', () => {
		for (const text of invisible) {
			expect(firstMessage(requiredText(1, 100), text)).toBe('v_invisible_only');
			expect(firstMessage(optionalText(100), text)).toBe('v_invisible_only');
		}
		for (const text of bidi) {
			expect(firstMessage(requiredText(1, 100), text)).toBe('v_bidi_control');
			expect(firstMessage(optionalText(100), text)).toBe('v_bidi_control');
		}
		expect(firstMessage(requiredText(1, 100), 'Anna')).toBeNull();
		expect(firstMessage(optionalText(100), '')).toBeNull();
	});

	it('names, titles, organisation names, channel names and messages all get it', () => {
		expect(firstMessage(personNameSchema, '\u200b\u200b')).toBe('v_invisible_only');
		expect(firstMessage(personNameSchema, 'Anna\u202e')).toBe('v_bidi_control');
		const need = createNeedSchema.safeParse({
			title: '\u200b\u200b\u200b',
			description: 'x\u202ey',
			category: 'food',
			contact: '\u200b'
		});
		expect(need.success).toBe(false);
		const paths = Object.fromEntries(need.error!.issues.map((i) => [i.path.join('.'), i.message]));
		expect(paths).toMatchObject({
			title: 'v_invisible_only',
			description: 'v_bidi_control',
			contact: 'v_invisible_only'
		});
		expect(
			firstMessage(createOrganisationSchema, { name: '\ufeff\u200d', kind: 'association' })
		).toBe('v_invisible_only');
		expect(firstMessage(createChannelSchema, { kind: 'group', name: 'ab\u2066' })).toBe(
			'v_bidi_control'
		);
		expect(firstMessage(sendMessageSchema, { body: '\u2060' })).toBe('v_invisible_only');
	});

	it('the messages exist in both languages', () => {
		for (const key of [
			'v_invisible_only',
			'v_bidi_control',
			'v_name_looks_taken',
			'v_invalid_body'
		] as const) {
			const it = m[key]({}, { locale: 'it' });
			const en = m[key]({}, { locale: 'en' });
			expect(it).not.toBe(en);
			expect(it.length).toBeGreaterThan(10);
		}
	});
});

describe('name skeletons', () => {
	const base = 'Caritas Milano';
	it('names that look alike share one', () => {
		for (const alike of [
			'caritas milano',
			'CARITAS  MILANO',
			'Càritas Milanò',
			'Caritas-Milano',
			'Caritas.Milano!',
			'Car\u200bitas Milano',
			'Caritas Mi1ano',
			'Car1tas Milano',
			'Caritas MiIano',
			'Cаritаs Milаnо', // Cyrillic а and о
			'Caritas Mi|an0',
			'Ｃａｒｉｔａｓ Ｍｉｌａｎｏ' // full-width
		])
			expect(nameSkeleton(alike), alike).toBe(nameSkeleton(base));
		expect(nameSkeleton('Croce Rossa')).toBe(nameSkeleton('Сrосе Rоssа')); // Cyrillic С, о, е, а
		expect(nameSkeleton('Emergency')).toBe(nameSkeleton('Ernergency')); // rn for m
	});

	it('different names keep different ones', () => {
		for (const other of [
			'Caritas Torino',
			'Caritas Milano Nord',
			'Banco Alimentare',
			'Arci Milano'
		])
			expect(nameSkeleton(other), other).not.toBe(nameSkeleton(base));
	});
});
