// An organisation's queue over the API (docs/api.md "Organisations"): who may read it, as JSON
// pages and as a spreadsheet, and a spreadsheet that survives what people type into titles.
import { beforeAll, describe, expect, it } from 'vitest';
import { useServer } from '../helpers/server';
import {
	addToOrganisation,
	signUpPerson,
	verifiedOrganisation,
	type Person
} from '../helpers/people';

const ctx = useServer();
const people = {} as Record<
	'admin' | 'coordinator' | 'operator' | 'volunteer' | 'outsider',
	Person
>;
let orgId: string;
let territoryId: string;
const queue = () => `/api/v1/organisations/${orgId}/queue`;

// Titles as people type them, and as an attacker would.
const titles = {
	formula: '=HYPERLINK("http://evil.example","clicca")',
	plus: '+39 333 1234567 richiamare',
	at: '@SUM(A1:A9) spesa',
	minus: '-10 euro di bolletta',
	commas: 'Pane, latte e "uova" per Elda',
	accents: 'Visita a Niccolò, l’anziano della via'
};

beforeAll(async () => {
	for (const role of ['admin', 'coordinator', 'operator', 'volunteer', 'outsider'] as const)
		people[role] = await signUpPerson(ctx.call, `${role} della coda`);
	orgId = await verifiedOrganisation(
		ctx.call,
		people.admin,
		people.coordinator,
		'Caritas, "Città" di Borgo'
	);
	await addToOrganisation(ctx.call, people.coordinator, orgId, people.operator, 'operator');
	await addToOrganisation(ctx.call, people.coordinator, orgId, people.volunteer, 'volunteer');
	const territory = await ctx.call('POST', '/api/v1/territories', {
		token: people.admin.token,
		body: { name: 'Borgo, parte alta' }
	});
	territoryId = territory.json.territory.id;
	for (const [key, title] of Object.entries(titles)) {
		const res = await ctx.call('POST', '/api/v1/needs', {
			token: people.operator.token,
			body: {
				title,
				description: 'Dal centro di ascolto',
				category: key === 'accents' ? 'company' : 'paperwork',
				urgency: key === 'formula' ? 'critical' : 'normal',
				territoryId,
				organisationId: orgId,
				visibility: 'organisation',
				...(key === 'accents' ? { dueDate: '2031-05-04', description: 'Riga uno\nriga due' } : {}),
				allowDuplicate: true
			}
		});
		expect(res.status, res.text).toBe(201);
		if (key === 'accents') {
			const claim = await ctx.call('POST', `/api/v1/needs/${res.json.need.id}/claims`, {
				token: people.volunteer.token,
				body: {}
			});
			expect(claim.status, claim.text).toBe(201);
		}
	}
});

describe('who may read the queue', () => {
	it.each([
		['coordinator', 200],
		['operator', 200],
		['volunteer', 200],
		['outsider', 403],
		// The network's administrators do not see an organisation's private requests.
		['admin', 403],
		['signed out', 401]
	] as const)('%s: %i, as JSON and as CSV', async (who, status) => {
		const token = who === 'signed out' ? undefined : people[who].token;
		const page = await ctx.call('GET', queue(), { token });
		const csv = await ctx.call('GET', `${queue()}?format=csv`, { token });
		expect([page.status, csv.status]).toEqual([status, status]);
		if (status === 200) {
			expect(page.json.items).toHaveLength(Object.keys(titles).length);
			expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		} else {
			// Refusals keep the API's error shape, never a spreadsheet.
			expect(csv.json.error.code).toBe(status === 401 ? 'unauthenticated' : 'forbidden');
		}
	});

	it('is not found for an organisation that does not exist, and refuses a bad format', async () => {
		const token = people.coordinator.token;
		const none = '00000000-0000-4000-8000-000000000000';
		expect((await ctx.call('GET', `/api/v1/organisations/${none}/queue`, { token })).status).toBe(
			404
		);
		const bad = await ctx.call('GET', `${queue()}?format=xlsx`, { token });
		expect(bad.status).toBe(400);
		expect(bad.json.error.fields).toHaveProperty('format');
	});
});

describe('the CSV', () => {
	it('is a download for Excel in Italian: a BOM, semicolons, a header row, CRLF', async () => {
		const res = await fetch(`${ctx.server.url}${queue()}?format=csv`, {
			headers: { authorization: `Bearer ${people.operator.token}` }
		});
		expect(res.headers.get('content-disposition')).toMatch(
			/^attachment; filename="caritas-citta-di-borgo-\d{4}-\d{2}-\d{2}\.csv"$/
		);
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
		const lines = text.split('\r\n');
		expect(lines[0]).toBe(
			'Titolo;Stato;Urgenza;Categoria;Zona;Creata il;Entro il;Persone che aiutano'
		);
		expect(lines.at(-1)).toBe('');
		expect(lines).toHaveLength(Object.keys(titles).length + 2);
		// The most urgent first, as on the page.
		const first = `"'=HYPERLINK(""http://evil.example"",""clicca"")";Aperta;Urgentissima;`;
		expect(lines[1].slice(0, first.length)).toBe(first);
	});

	it('quotes commas and quotes, keeps accents, and defuses formulas', async () => {
		const { text } = await ctx.call('GET', `${queue()}?format=csv`, {
			token: people.coordinator.token
		});
		const rows = parseCsv(text.replace(/^\uFEFF/, ''), ';');
		const byTitle = new Map(rows.slice(1).map((r) => [r[0], r]));
		expect([...byTitle.keys()].sort()).toEqual(
			[
				`'${titles.formula}`,
				`'${titles.plus}`,
				`'${titles.at}`,
				`'${titles.minus}`,
				titles.commas,
				titles.accents
			].sort()
		);
		const visit = byTitle.get(titles.accents)!;
		expect(visit.slice(1, 5)).toEqual(['In corso', 'Normale', 'Compagnia', 'Borgo, parte alta']);
		expect(visit[5]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
		expect(visit.slice(6)).toEqual(['2031-05-04', '1']);
		expect(byTitle.get(titles.commas)!.slice(6)).toEqual(['', '0']);
	});

	it("speaks the caller's language", async () => {
		const { text } = await ctx.call('GET', `${queue()}?format=csv`, {
			token: people.coordinator.token,
			headers: { 'accept-language': 'en' }
		});
		const rows = parseCsv(text.replace(/^\uFEFF/, ''));
		expect(rows[0]).toEqual([
			'Title',
			'Status',
			'Urgency',
			'Category',
			'Area',
			'Created',
			'Due by',
			'Helpers'
		]);
		expect(rows.find((r) => r[0] === titles.accents)?.slice(1, 4)).toEqual([
			'In progress',
			'Normal',
			'Company'
		]);
	});
});

/** RFC 4180 read back, as a spreadsheet would: quoted cells may hold commas, quotes, line breaks. */
function parseCsv(text: string, separator = ','): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted && c === '"' && text[i + 1] === '"') {
			cell += '"';
			i++;
		} else if (c === '"') {
			quoted = !quoted;
		} else if (!quoted && c === separator) {
			row.push(cell);
			cell = '';
		} else if (!quoted && c === '\r' && text[i + 1] === '\n') {
			rows.push([...row, cell]);
			row = [];
			cell = '';
			i++;
		} else {
			cell += c;
		}
	}
	return rows;
}
