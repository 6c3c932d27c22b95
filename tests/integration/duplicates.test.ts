// The duplicate check on real-looking Italian requests: near-identical ones are caught, different
// ones in the same category and area go through. The threshold (DUPLICATE_THRESHOLD) is tuned here.
import { testActor } from '../helpers/actors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/actor';
import { signup } from '../../src/lib/server/auth/service';
import { db } from '../../src/lib/server/db/client';
import { findDuplicates } from '../../src/lib/server/needs/duplicates';
import { createNeed } from '../../src/lib/server/needs/service';
import { createNeedSchema } from '../../src/lib/shared/schemas/needs';
import { useTestDatabase } from '../helpers/in-process';
import { goodPassword, uniqueEmail } from '../helpers/server';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let poster: Actor;

/** [category, existing need, a new one that is the same need] */
const same: [string, [string, string], [string, string]][] = [
	[
		'food',
		[
			'Spesa settimanale per la signora Rosa',
			'Spesa al supermercato ogni giovedì, la lista arriva per telefono.'
		],
		[
			'Spesa settimanale signora Rosa',
			'Fare la spesa al supermercato il giovedì per la signora Rosa.'
		]
	],
	[
		'transport',
		[
			'Accompagnamento visita cardiologica',
			'Martedì mattina all’ospedale civile, andata e ritorno.'
		],
		[
			'Accompagnare a visita cardiologica',
			'Serve un passaggio martedì mattina per l’ospedale civile.'
		]
	],
	[
		'company',
		['Compagnia per anziano solo', 'Un’ora di compagnia il pomeriggio, due volte a settimana.'],
		['Compagnia a un anziano che vive solo', 'Qualcuno che gli faccia compagnia il pomeriggio.']
	],
	[
		'paperwork',
		[
			'Aiuto con la domanda di assegno unico',
			'Compilare la domanda online per l’assegno unico dei figli.'
		],
		['Domanda assegno unico', 'Aiuto a compilare la domanda dell’assegno unico online.']
	],
	[
		'health',
		['Ritiro farmaci in farmacia', 'Ritirare i farmaci con la ricetta in farmacia comunale.'],
		['Ritirare farmaci in farmacia', 'Andare in farmacia a ritirare i farmaci con ricetta.']
	]
];

/** [category, existing need, a different need of the same category and area] */
const different: [string, [string, string], [string, string]][] = [
	[
		'food',
		['Spesa settimanale per la signora Rosa', 'Spesa al supermercato ogni giovedì.'],
		['Pacco alimentare per famiglia con tre bambini', 'Servono pasta, latte e omogeneizzati.']
	],
	[
		'transport',
		['Accompagnamento visita cardiologica', 'Martedì mattina all’ospedale civile.'],
		['Trasporto carrozzina al centro diurno', 'Tutti i lunedì, serve un mezzo attrezzato.']
	],
	[
		'company',
		['Compagnia per anziano solo', 'Un’ora di compagnia il pomeriggio.'],
		['Lettura ad alta voce per signora non vedente', 'Leggere il giornale la mattina.']
	],
	[
		'paperwork',
		['Aiuto con la domanda di assegno unico', 'Compilare la domanda online.'],
		['Rinnovo del permesso di soggiorno', 'Preparare i documenti per la questura.']
	],
	[
		'housing',
		['Piccole riparazioni: rubinetto che perde', 'In cucina, il rubinetto gocciola da giorni.'],
		['Cerco stanza in affitto per un mese', 'Studente fuori sede, zona centro.']
	]
];

beforeAll(async () => {
	database = await useTestDatabase({ RATE_LIMIT_DISABLED: '1' });
	const { user } = await signup(
		{ email: uniqueEmail('poster'), password: goodPassword, name: 'Poster' },
		{ ip: 'x' }
	);
	poster = testActor(user.id, { isAdmin: false });
});
afterAll(() => database.close());

async function check(category: string, [title, description]: [string, string]) {
	return findDuplicates(db, poster, { title, description, category, territoryId: null });
}

describe('duplicate check', () => {
	it('catches near-identical requests', async () => {
		for (const [category, [title, description], copy] of same) {
			const original = await createNeed(
				poster,
				createNeedSchema.parse({ title, description, category, allowDuplicate: true })
			);
			const candidates = await check(category, copy);
			expect(
				candidates.map((c) => c.id),
				`${copy[0]} ~ ${title}`
			).toContain(original.id);
		}
	});

	it('lets different requests of the same category and area through', async () => {
		for (const [category, existing, other] of different) {
			await createNeed(
				poster,
				createNeedSchema.parse({
					title: existing[0],
					description: existing[1],
					category,
					allowDuplicate: true
				})
			);
			const candidates = await check(category, other);
			expect(
				candidates.map((c) => c.title),
				`${other[0]}`
			).not.toContain(existing[0]);
		}
	});

	it('looks only in the same category and territory', async () => {
		const [, , copy] = same[0];
		expect(await check('transport', copy)).toEqual([]);
	});
});
