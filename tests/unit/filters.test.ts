// The board's and the directory's query strings, as their own forms send them and as people edit
// them: empty values are no filter, a bad value drops only its own field, "all" is a choice.
import { describe, expect, it } from 'vitest';
import { filtersFrom } from '../../src/lib/server/http/context';
import { boardPageQuerySchema, needsQuerySchema } from '../../src/lib/shared/schemas/needs';
import { directoryPageQuerySchema } from '../../src/lib/shared/schemas/orgs';

const territory = '0b6a4c1e-5f5a-4c43-9d0e-2f1f3b2a9c11';
const url = (query: string) => new URL(`http://rete.test/needs?${query}`);

describe('the board page', () => {
	it.each([
		['', { status: 'open' }],
		// The form's own submission: every select sent, most of them empty.
		[
			'q=assegno&status=open&category=&territoryId=&urgency=&sort=urgency',
			{ q: 'assegno', status: 'open', sort: 'urgency' }
		],
		[
			'q=&status=all&category=&territoryId=&urgency=&sort=urgency',
			{ status: 'all', sort: 'urgency' }
		],
		[
			`q=+spesa+&status=in_progress&category=food&territoryId=${territory}&urgency=high&sort=newest`,
			{
				q: 'spesa',
				status: 'in_progress',
				category: 'food',
				territoryId: territory,
				urgency: 'high',
				sort: 'newest'
			}
		],
		// An edited URL: the bad field alone is dropped (a bad status falls back to open).
		['q=pane&status=bogus', { q: 'pane', status: 'open' }],
		['q=pane&territoryId=not-an-id&urgency=high', { q: 'pane', status: 'open', urgency: 'high' }],
		['urgency=soon&sort=random&category=food', { status: 'open', category: 'food' }],
		[`q=${'x'.repeat(201)}&category=food`, { status: 'open', category: 'food' }],
		['q=a%00b&category=food', { status: 'open', category: 'food' }],
		['q=%20%20&status=closed', { status: 'closed' }],
		// The first of repeated keys; unknown keys are ignored.
		['status=fulfilled&status=closed&colour=red', { status: 'fulfilled' }],
		['cursor=abc&status=open', { status: 'open', cursor: 'abc' }]
	])('?%s', (query, applied) => {
		expect(filtersFrom(url(query), boardPageQuerySchema)).toEqual(applied);
	});
});

describe('the directory', () => {
	it.each([
		['', {}],
		['q=Caritas&territoryId=&kind=', { q: 'Caritas' }],
		[`q=&territoryId=${territory}&kind=ngo`, { territoryId: territory, kind: 'ngo' }],
		['q=Caritas&kind=company', { q: 'Caritas' }],
		['q=Caritas&territoryId=nowhere&kind=group', { q: 'Caritas', kind: 'group' }]
	])('?%s', (query, applied) => {
		expect(filtersFrom(url(query), directoryPageQuerySchema)).toEqual(applied);
	});
});

describe('the API reads the same filters', () => {
	it('takes empty values as no filter and "all" as every status', () => {
		expect(
			needsQuerySchema.parse({ q: '', category: '', territoryId: '', urgency: '', status: 'all' })
		).toEqual({ status: 'all' });
		expect(needsQuerySchema.safeParse({ territoryId: 'nowhere' }).success).toBe(false);
	});
});
