// A sample network for demos and first looks: a fictional Italian town with its social service,
// two associations, an informal group, their people, a few needs, joint actions and a
// consultation in each phase. Everything goes through the services, as a person would, so the
// data obeys the same rules (policies, audit log, outbox, validation) as data entered by hand.
import { addPartner, answerPartner } from '../actions/partners';
import { createAction, getAction, updateAction } from '../actions/service';
import { createSession, signUp } from '../actions/sessions';
import { addCommitment, addReach, addTask, updateTask } from '../actions/work';
import { loadActor, type Role } from '../auth/actor';
import { setUpNetwork, signup, type RequestOrigin } from '../auth/service';
import { addSkill } from '../administration/service';
import { now } from '../clock';
import { config } from '../config';
import { db } from '../db/client';
import { users } from '../db/schema';
import { sendMessage } from '../channels/messages';
import { createChannel, listChannels, openNeedChannel } from '../channels/service';
import { castBallot } from '../consultations/ballots';
import {
	addCommitment as commitToConsultation,
	updateCommitment as moveCommitment
} from '../consultations/commitments';
import { tieIdentity } from '../consultations/identity';
import { createPoll } from '../consultations/polls';
import { answerProposal, createProposal, supportProposal } from '../consultations/proposals';
import { createConsultation, movePhase } from '../consultations/service';
import { finishClaim } from '../needs/claim-endings';
import { vouchFor } from '../vouches/service';
import { claimNeed } from '../needs/claims';
import { logContact } from '../needs/contacts';
import { requestHandover } from '../needs/handovers';
import { completeNeed, createNeed } from '../needs/service';
import { log } from '../log';
import { invite } from '../orgs/invitations';
import { requestToJoin } from '../orgs/join-requests';
import { addMember } from '../orgs/members';
import { createOrganisation, reviewOrganisation } from '../orgs/service';
import { updateOwnProfile } from '../people/service';
import { decideOfferRequest, requestOffer } from '../offers/requests';
import { createOffer } from '../offers/service';
import { createTerritory } from '../territories/service';
import { checkLetter } from '$lib/shared/codice-fiscale';
import { dayOf } from '$lib/shared/format';
import { setupSchema, signupSchema } from '$lib/shared/schemas/accounts';
import {
	commitmentSchema,
	createActionSchema,
	createSessionSchema,
	createTaskSchema,
	reachSchema,
	updateActionSchema,
	updateTaskSchema
} from '$lib/shared/schemas/actions';
import {
	answerProposalSchema,
	castBallotSchema,
	commitmentProgressSchema,
	commitmentSchema as consultationCommitmentSchema,
	createConsultationSchema,
	createPollSchema,
	createProposalSchema,
	identitySchema,
	type PhaseKind
} from '$lib/shared/schemas/consultations';
import { logContactSchema } from '$lib/shared/schemas/contacts';
import { requestHandoverSchema } from '$lib/shared/schemas/handovers';
import { createNeedSchema } from '$lib/shared/schemas/needs';
import { createOfferSchema } from '$lib/shared/schemas/offers';
import { createOrganisationSchema, inviteSchema } from '$lib/shared/schemas/orgs';
import { updateProfileSchema } from '$lib/shared/schemas/people';
import type { PublicUser } from '$lib/shared/user';

/** The password of every demo account: printed in the docs, so never use the demo in production. */
export const DEMO_PASSWORD = 'rete demo 2026';

const NETWORK_NAME = 'Rete solidale di Borgo Aperto';
const CITY = 'Borgo Aperto';
const ORIGIN: RequestOrigin = { ip: 'demo' };

/** District → its neighbourhoods (quartieri). */
const DISTRICTS = {
	'Centro storico': ['San Rocco', 'Piazza Garibaldi', 'Le Mura'],
	'Borgo Nord': ['Case Nuove', 'Villaggio del Sole', 'Fornaci'],
	Lungofiume: ['Ponte Vecchio', 'Mulini', 'Isolotto']
} as const;

type Place =
	typeof CITY | keyof typeof DISTRICTS | (typeof DISTRICTS)[keyof typeof DISTRICTS][number];

const SKILLS = [
	'Guida auto',
	'Spesa e commissioni',
	'Compagnia e ascolto',
	'Pratiche burocratiche',
	'Piccole riparazioni',
	'Lingua araba',
	'Informatica di base',
	'Primo soccorso'
] as const;

type Skill = (typeof SKILLS)[number];

/**
 * The people. The first is the network's founder and administrator. `key` names them below;
 * e-mails are `key@borgoaperto.it`. Each profile is what the person would fill in themselves.
 */
const PEOPLE = [
	{
		key: 'anna',
		name: 'Anna Esposito',
		home: 'Piazza Garibaldi',
		languages: ['it', 'en'],
		skills: ['Pratiche burocratiche'],
		availability: { mon: ['morning'], wed: ['morning'] },
		shareContact: true,
		phone: '+39 0371 500100'
	},
	{
		key: 'marco',
		name: 'Marco Rinaldi',
		home: 'San Rocco',
		languages: ['it', 'en'],
		skills: ['Pratiche burocratiche', 'Compagnia e ascolto'],
		availability: { mon: ['morning', 'afternoon'], thu: ['morning'] },
		shareContact: true,
		phone: '+39 0371 500201'
	},
	{
		key: 'chiara',
		name: 'Chiara Bianchi',
		home: 'Le Mura',
		languages: ['it', 'fr'],
		skills: ['Compagnia e ascolto', 'Pratiche burocratiche'],
		availability: { tue: ['morning'], fri: ['morning'] }
	},
	{
		key: 'davide',
		name: 'Davide Greco',
		home: 'Fornaci',
		languages: ['it', 'en', 'es'],
		skills: ['Pratiche burocratiche'],
		availability: { wed: ['afternoon'] }
	},
	{
		key: 'sara',
		name: 'Sara Colombo',
		home: 'Mulini',
		languages: ['it', 'ro'],
		skills: ['Compagnia e ascolto', 'Primo soccorso'],
		availability: { mon: ['afternoon'], thu: ['afternoon'] }
	},
	{
		key: 'giulia',
		name: 'Giulia Ferrari',
		home: 'Ponte Vecchio',
		languages: ['it', 'en'],
		skills: ['Spesa e commissioni', 'Compagnia e ascolto'],
		availability: { sat: ['morning', 'afternoon'] },
		shareContact: true,
		phone: '+39 333 1234567'
	},
	{
		key: 'paolo',
		name: 'Paolo Conti',
		home: 'Piazza Garibaldi',
		languages: ['it'],
		skills: ['Guida auto', 'Piccole riparazioni'],
		availability: { tue: ['morning'], thu: ['morning'] },
		shareContact: true,
		phone: '+39 347 7654321'
	},
	{
		key: 'lucia',
		name: 'Lucia Romano',
		home: 'Case Nuove',
		languages: ['it', 'en'],
		skills: ['Spesa e commissioni', 'Informatica di base'],
		availability: { wed: ['evening'], sat: ['morning'] }
	},
	{
		key: 'luca',
		name: 'Luca Moretti',
		home: 'Isolotto',
		languages: ['it', 'en'],
		skills: ['Guida auto', 'Spesa e commissioni'],
		availability: { mon: ['evening'], sat: ['morning', 'afternoon'] },
		shareContact: true,
		phone: '+39 320 1112233'
	},
	{
		key: 'fatima',
		name: 'Fatima El Amrani',
		home: 'Villaggio del Sole',
		languages: ['it', 'ar', 'fr'],
		skills: ['Lingua araba', 'Pratiche burocratiche'],
		availability: { tue: ['afternoon'], fri: ['afternoon'] }
	},
	{
		key: 'giorgio',
		name: 'Giorgio Barbieri',
		home: 'Le Mura',
		languages: ['it'],
		skills: ['Piccole riparazioni', 'Guida auto'],
		availability: { mon: ['morning'], wed: ['morning'], fri: ['morning'] }
	},
	{
		key: 'elena',
		name: 'Elena Galli',
		home: 'San Rocco',
		languages: ['it', 'de'],
		skills: ['Compagnia e ascolto', 'Primo soccorso'],
		availability: { thu: ['afternoon'], sun: ['afternoon'] }
	},
	{
		key: 'matteo',
		name: 'Matteo Ricci',
		home: 'Fornaci',
		languages: ['it', 'en'],
		skills: ['Informatica di base'],
		availability: { sat: ['afternoon'], sun: ['morning'] }
	},
	{
		key: 'rosa',
		name: 'Rosa Marino',
		home: 'San Rocco',
		languages: ['it'],
		skills: [],
		availability: {}
	},
	{
		key: 'giuseppe',
		name: 'Giuseppe Russo',
		home: 'Ponte Vecchio',
		languages: ['it'],
		skills: [],
		availability: {}
	},
	{
		key: 'ahmed',
		name: 'Ahmed Benali',
		home: 'Case Nuove',
		languages: ['ar', 'fr', 'it'],
		skills: ['Lingua araba'],
		availability: { sun: ['morning', 'afternoon'] }
	}
] as const satisfies readonly {
	key: string;
	name: string;
	home: Place;
	languages: readonly string[];
	skills: readonly Skill[];
	availability: Record<string, readonly string[]>;
	shareContact?: boolean;
	phone?: string;
}[];

type PersonKey = (typeof PEOPLE)[number]['key'];

/**
 * The organisations, each created by its coordinator (creating makes one its coordinator) and,
 * except the informal group, verified by the administrator: the group shows the review queue.
 */
const ORGANISATIONS = [
	{
		key: 'comune',
		name: 'Servizi Sociali del Comune di Borgo Aperto',
		kind: 'public_service',
		coordinator: 'marco',
		verify: true,
		description:
			'Il servizio sociale professionale del Comune: segretariato sociale, presa in carico di persone e famiglie in difficoltà, assistenza domiciliare e coordinamento degli interventi con le associazioni del territorio.',
		contactEmail: 'servizisociali@borgoaperto.it',
		contactPhone: '+39 0371 500200',
		website: 'https://www.comune.borgoaperto.it/servizi-sociali',
		territories: [CITY]
	},
	{
		key: 'caritas',
		name: 'Caritas Borgo Aperto',
		kind: 'ngo',
		coordinator: 'giulia',
		verify: true,
		description:
			'Centro di ascolto, distribuzione di pacchi alimentari e vestiti, accompagnamento delle famiglie nelle pratiche. Aperti il martedì e il venerdì pomeriggio in via del Duomo 3.',
		contactEmail: 'caritas@borgoaperto.it',
		contactPhone: '+39 0371 520300',
		website: 'https://caritas.borgoaperto.it',
		territories: ['Centro storico', 'Lungofiume']
	},
	{
		key: 'anziani',
		name: 'Associazione Anziani Attivi',
		kind: 'ngo',
		coordinator: 'paolo',
		verify: true,
		description:
			'Volontari, molti dei quali pensionati, che tengono compagnia alle persone anziane sole, le accompagnano alle visite e fanno piccole riparazioni in casa.',
		contactEmail: 'anzianiattivi@borgoaperto.it',
		contactPhone: '+39 0371 530400',
		website: 'https://anzianiattivi.borgoaperto.it',
		territories: ['Centro storico', 'Borgo Nord']
	},
	{
		key: 'vicini',
		name: 'Vicini di Borgo Nord',
		kind: 'group',
		coordinator: 'lucia',
		verify: false,
		description:
			'Un gruppo di vicini di casa nato durante la pandemia: ci aiutiamo con la spesa, i compiti dei ragazzi e le piccole cose di ogni giorno.',
		contactEmail: 'vicinidiborgonord@borgoaperto.it',
		contactPhone: '',
		website: '',
		territories: ['Borgo Nord']
	}
] as const satisfies readonly {
	key: string;
	name: string;
	kind: 'public_service' | 'ngo' | 'group';
	coordinator: PersonKey;
	verify: boolean;
	description: string;
	contactEmail: string;
	contactPhone: string;
	website: string;
	territories: readonly Place[];
}[];

type OrganisationKey = (typeof ORGANISATIONS)[number]['key'];

/** Members added by each organisation's coordinator. Lucia belongs to two organisations. */
const MEMBERS = [
	{ organisation: 'comune', person: 'chiara', role: 'operator' },
	{ organisation: 'comune', person: 'davide', role: 'operator' },
	{ organisation: 'comune', person: 'sara', role: 'operator' },
	{ organisation: 'caritas', person: 'luca', role: 'volunteer' },
	{ organisation: 'caritas', person: 'fatima', role: 'volunteer' },
	{ organisation: 'caritas', person: 'lucia', role: 'volunteer' },
	{ organisation: 'anziani', person: 'giorgio', role: 'volunteer' },
	{ organisation: 'anziani', person: 'elena', role: 'volunteer' },
	{ organisation: 'vicini', person: 'matteo', role: 'volunteer' }
] as const satisfies readonly { organisation: OrganisationKey; person: PersonKey; role: Role }[];

/** Left open, so coordinators find something waiting in their queues. */
const INVITATION = {
	organisation: 'comune',
	by: 'marco',
	email: 'valentina@borgoaperto.it',
	role: 'operator'
} as const satisfies { organisation: OrganisationKey; by: PersonKey; email: string; role: Role };

const JOIN_REQUEST = {
	organisation: 'caritas',
	person: 'ahmed',
	message:
		'Buongiorno, parlo arabo e francese e vorrei aiutare le famiglie del centro di ascolto con le traduzioni.'
} as const satisfies { organisation: OrganisationKey; person: PersonKey; message: string };

/**
 * Needs: residents ask for themselves (public); operators post for the social service, and what
 * must stay among its members is `organisation`. Public descriptions carry no names or addresses:
 * those go in `contact`, which only the author, the organisation and the claimants see.
 */
const NEEDS = [
	{
		author: 'rosa',
		title: 'Spesa settimanale',
		description:
			'Ho 84 anni e da quando mi sono rotta il femore non riesco a portare le borse. Mi servirebbe qualcuno che mi faccia la spesa una volta a settimana, la lista la preparo io.',
		category: 'food',
		urgency: 'normal',
		territory: 'San Rocco',
		contact: 'Rosa Marino, via delle Mura 12 (citofono Marino). Meglio la mattina.',
		// She lives alone and gives her address: only trusted helpers may take it on.
		claimRule: 'trusted'
	},
	{
		author: 'giuseppe',
		title: 'Accompagnamento a una visita cardiologica',
		description:
			"Il 12 del mese ho una visita all'ospedale di Borgo Aperto alle 9:30. Non guido più e l'autobus non passa vicino a casa: cerco un passaggio andata e ritorno.",
		category: 'transport',
		urgency: 'high',
		territory: 'Ponte Vecchio',
		contact: 'Giuseppe Russo, tel. 0371 540987, lungofiume Ponte Vecchio 8.'
	},
	{
		author: 'giuseppe',
		title: 'Due chiacchiere ogni tanto',
		description:
			'Da quando è mancata mia moglie passo molto tempo da solo. Mi farebbe piacere una telefonata o un caffè insieme, anche solo una volta alla settimana.',
		category: 'company',
		urgency: 'low',
		territory: 'Ponte Vecchio',
		capacity: 2,
		contact: 'Giuseppe Russo, tel. 0371 540987. Di pomeriggio.'
	},
	{
		author: 'ahmed',
		title: "Aiuto con la domanda per l'assegno unico",
		description:
			"Devo presentare la domanda per l'assegno unico per i miei due figli ma il sito è difficile. Cerco qualcuno che mi aiuti a compilarla, meglio se parla francese o arabo.",
		category: 'paperwork',
		urgency: 'normal',
		territory: 'Case Nuove',
		contact: 'Ahmed Benali, tel. 351 2223344. Disponibile la domenica.'
	},
	{
		author: 'chiara',
		organisation: 'comune',
		title: 'Pasti a domicilio dopo una dimissione ospedaliera',
		description:
			'Una signora di 79 anni, dimessa ieri dopo un intervento, vive sola e per due settimane non può cucinare. Servono volontari per portarle il pranzo dal lunedì al venerdì.',
		category: 'food',
		urgency: 'high',
		territory: 'Villaggio del Sole',
		capacity: 2,
		contact: 'Sig.ra Teresa Fontana, via dei Gelsi 4, interno 2. Referente: Chiara Bianchi.'
	},
	{
		author: 'sara',
		organisation: 'comune',
		title: 'Telefonata settimanale a un anziano solo',
		description:
			'Un signore di 88 anni, lucido ma molto isolato, ha chiesto di essere chiamato una volta alla settimana. Cerchiamo persone pazienti e costanti.',
		category: 'company',
		urgency: 'normal',
		territory: 'Mulini',
		capacity: 3,
		contact: 'Sig. Bruno Sala, tel. 0371 551122. Preferisce essere chiamato dopo le 16.'
	},
	{
		author: 'davide',
		organisation: 'comune',
		visibility: 'organisation',
		title: 'Sfratto imminente di un nucleo familiare',
		description:
			"Madre sola con tre figli minori, sfratto esecutivo fissato tra tre settimane. Valutare l'accesso al fondo morosità incolpevole e una soluzione abitativa temporanea.",
		category: 'housing',
		urgency: 'critical',
		territory: 'Fornaci',
		contact: 'Nucleo Esposti, fascicolo 2026/114. Referente: Davide Greco.'
	},
	{
		author: 'marco',
		organisation: 'comune',
		visibility: 'organisation',
		title: 'Verifica domiciliare dopo una segnalazione dei vicini',
		description:
			'I vicini segnalano che un signore anziano non esce di casa da giorni e non risponde al citofono. Serve una visita di un operatore, se possibile con il medico di base.',
		category: 'health',
		urgency: 'high',
		territory: 'Le Mura',
		contact: 'Sig. Ettore Villa, vicolo del Pozzo 7. Segnalazione della vicina, sig.ra Neri.'
	},
	{
		author: 'giulia',
		organisation: 'caritas',
		title: "Coperte e giacconi per l'inverno",
		description:
			'Il centro di ascolto raccoglie coperte, giacconi e scarpe invernali in buono stato, soprattutto taglie da bambino. Servono anche due volontari per smistarli il sabato.',
		category: 'other',
		urgency: 'low',
		territory: 'Piazza Garibaldi',
		capacity: 2,
		contact: 'Centro di ascolto Caritas, via del Duomo 3, tel. 0371 520300.'
	}
] as const satisfies readonly {
	author: PersonKey;
	organisation?: OrganisationKey;
	visibility?: 'public' | 'organisation';
	title: string;
	description: string;
	category: 'food' | 'transport' | 'company' | 'paperwork' | 'health' | 'housing' | 'other';
	urgency: 'low' | 'normal' | 'high' | 'critical';
	territory: Place;
	capacity?: number;
	contact: string;
	claimRule?: 'anyone' | 'trusted' | 'organisation';
}[];

const emailOf = (key: PersonKey) => `${key}@borgoaperto.it`;

/**
 * The clash a coordinator meets trying the form: Caritas plans a food distribution in San Rocco
 * on these days (counted from the day the demo was seeded, on the network's clock). The social
 * service's coordinator planning a distribution there (or in Centro storico, or in the whole city)
 * on any of these days is warned, and nothing is saved until he chooses to go ahead.
 */
export const DEMO_CLASH = {
	email: emailOf('marco'),
	organisation: 'Servizi Sociali del Comune di Borgo Aperto',
	kind: 'distribution',
	territory: 'San Rocco',
	fromDay: 10,
	toDay: 12,
	existing: { title: 'Distribuzione alimentare a San Rocco', organisation: 'Caritas Borgo Aperto' }
} as const satisfies {
	email: string;
	organisation: (typeof ORGANISATIONS)[number]['name'];
	kind: 'distribution';
	territory: Place;
	fromDay: number;
	toDay: number;
	existing: { title: string; organisation: (typeof ORGANISATIONS)[number]['name'] };
};

/** The demo logins, for the docs and for tests: who they are and what they do in the network. */
export const DEMO_ACCOUNTS = PEOPLE.map((p, i) => ({
	email: emailOf(p.key),
	name: p.name,
	isAdmin: i === 0,
	memberships: [
		...ORGANISATIONS.filter((o) => o.coordinator === p.key).map((o) => ({
			organisation: o.name,
			role: 'coordinator' as Role
		})),
		...MEMBERS.filter((m) => m.person === p.key).map((m) => ({
			organisation: ORGANISATIONS.find((o) => o.key === m.organisation)!.name,
			role: m.role as Role
		}))
	]
}));

/**
 * Fills an empty database with the sample network. Does nothing if any account exists, so it is
 * safe to run at every start of a demo instance; it is not safe to run twice at the same moment
 * on the same empty database (the second founding fails with `conflict`).
 */
export async function seedDemo(): Promise<{ seeded: boolean }> {
	const [anyone] = await db.select({ id: users.id }).from(users).limit(1);
	if (anyone) return { seeded: false };

	// Every sign-up comes from the one "address" `demo`: counted, they would eat into its hourly
	// sign-up limit and leave counters behind.
	const limits = config().rateLimits;
	const wasDisabled = limits.disabled;
	limits.disabled = true;
	try {
		await fill();
	} finally {
		limits.disabled = wasDisabled;
	}
	return { seeded: true };
}

async function fill() {
	// Accounts. The founder's set-up names the network and makes her its administrator.
	const people = new Map<PersonKey, PublicUser>();
	for (const [i, p] of PEOPLE.entries()) {
		const account = { email: emailOf(p.key), password: DEMO_PASSWORD, name: p.name };
		const { user } =
			i === 0
				? await setUpNetwork(setupSchema.parse({ ...account, networkName: NETWORK_NAME }), ORIGIN)
				: await signup(signupSchema.parse(account), ORIGIN, { verified: true });
		people.set(p.key, user);
	}
	// Roles are read from the database, so an actor is loaded afresh for each act.
	const as = (key: PersonKey) => loadActor(people.get(key)!);
	const admin = () => as(PEOPLE[0].key);

	// Territories: the city, its districts, their neighbourhoods.
	const places = new Map<Place, string>();
	const city = await createTerritory(await admin(), { name: CITY, parentId: null });
	places.set(CITY, city.id);
	for (const [district, neighbourhoods] of Object.entries(DISTRICTS)) {
		const d = await createTerritory(await admin(), { name: district, parentId: city.id });
		places.set(district as Place, d.id);
		for (const name of neighbourhoods) {
			const n = await createTerritory(await admin(), { name, parentId: d.id });
			places.set(name, n.id);
		}
	}
	const place = (name: Place) => places.get(name)!;

	const skills = new Map<Skill, string>();
	for (const name of SKILLS) skills.set(name, (await addSkill(await admin(), name)).id);

	for (const p of PEOPLE) {
		await updateOwnProfile(
			await as(p.key),
			updateProfileSchema.parse({
				homeTerritoryId: place(p.home),
				languages: p.languages,
				skillIds: p.skills.map((s) => skills.get(s)!),
				availability: p.availability,
				// Those who share their contact would rather be phoned; the others hear through the app.
				contactPreference: 'shareContact' in p ? 'phone' : 'app',
				phone: 'phone' in p ? p.phone : '',
				shareContact: 'shareContact' in p && p.shareContact
			})
		);
	}

	// Organisations, created by their coordinators and reviewed by the administrator.
	const organisations = new Map<OrganisationKey, string>();
	for (const o of ORGANISATIONS) {
		const created = await createOrganisation(
			await as(o.coordinator),
			createOrganisationSchema.parse({
				name: o.name,
				kind: o.kind,
				description: o.description,
				contactEmail: o.contactEmail,
				contactPhone: o.contactPhone,
				website: o.website,
				territoryIds: o.territories.map(place)
			})
		);
		organisations.set(o.key, created.id);
		if (o.verify)
			await reviewOrganisation(await admin(), created.id, { decision: 'verify', reason: '' });
	}
	const organisation = (key: OrganisationKey) => organisations.get(key)!;
	const coordinatorOf = (key: OrganisationKey) =>
		ORGANISATIONS.find((o) => o.key === key)!.coordinator;

	for (const m of MEMBERS) {
		await addMember(await as(coordinatorOf(m.organisation)), organisation(m.organisation), {
			userId: people.get(m.person)!.id,
			role: m.role
		});
	}

	// Matteo's group is not verified yet; the administrator knows him and vouches for him, so he
	// may take on requests for trusted helpers.
	await vouchFor(await admin(), people.get('matteo')!.id, {
		organisationId: null,
		note: 'Conosciuto dal servizio sociale: accompagna gli anziani da anni.'
	});

	await invite(
		await as(INVITATION.by),
		organisation(INVITATION.organisation),
		inviteSchema.parse({ email: INVITATION.email, role: INVITATION.role })
	);
	await requestToJoin(await as(JOIN_REQUEST.person), organisation(JOIN_REQUEST.organisation), {
		message: JOIN_REQUEST.message
	});

	const posted: string[] = [];
	for (const n of NEEDS) {
		const need = await createNeed(
			await as(n.author),
			createNeedSchema.parse({
				title: n.title,
				description: n.description,
				category: n.category,
				urgency: n.urgency,
				territoryId: place(n.territory),
				capacity: 'capacity' in n ? n.capacity : undefined,
				organisationId: 'organisation' in n ? organisation(n.organisation) : null,
				visibility: 'visibility' in n ? n.visibility : 'public',
				contact: n.contact,
				// The people the social services post for agreed that helpers may call them.
				consent:
					'organisation' in n && !('visibility' in n)
						? { purpose: 'Ricevere aiuto dai volontari', recipients: 'helpers', givenBy: 'person' }
						: undefined,
				claimRule: 'claimRule' in n ? n.claimRule : undefined,
				// The sample is written by hand: similar requests are meant, not mistakes.
				allowDuplicate: true
			})
		);
		posted.push(need.id);
	}

	// Needs in every state: some taken on, one done, one no longer needed.
	const [shopping, visit, , , meals] = posted;
	await claimNeed(await as('luca'), shopping);
	await claimNeed(await as('giorgio'), visit);
	await claimNeed(await as('fatima'), meals);
	const fulfilled = await createNeed(
		await as('rosa'),
		createNeedSchema.parse({
			title: 'Cambio lampadina in bagno',
			description: 'La lampadina del bagno è fulminata e non arrivo al soffitto.',
			category: 'housing',
			territoryId: place('San Rocco'),
			contact: 'Rosa Marino, via delle Mura 12',
			allowDuplicate: true
		})
	);
	// The helper ends his own claim as done; his being the only one, the need is fulfilled.
	const matteosClaim = await claimNeed(await as('matteo'), fulfilled.id);
	await finishClaim(await as('matteo'), fulfilled.id, matteosClaim.id, {
		result: 'done',
		note: 'Fatto in dieci minuti.'
	});
	await completeNeed(await as('giuseppe'), posted[2], {
		outcome: 'no_longer_needed',
		duplicateOf: null,
		note: ''
	});

	// Who is on it: Giorgio reached Giuseppe about his lift, and Caritas, which already drives him
	// to the hospital, asks Giorgio to hand it over (Giorgio has 36 hours to answer).
	await logContact(
		await as('giorgio'),
		visit,
		logContactSchema.parse({ means: 'call', result: 'reached', note: 'Confermato per il 12.' })
	);
	await requestHandover(
		await as('giulia'),
		visit,
		requestHandoverSchema.parse({
			reason: 'Lo accompagniamo già ogni mese con il nostro pulmino attrezzato.',
			organisationId: organisation('caritas')
		})
	);

	// Offers of every kind, and requests in each state: one waiting, one accepted (with a claim
	// on the request it was asked for), one declined, one done.
	const offerOf = async (key: PersonKey, fields: Record<string, unknown>) =>
		(await createOffer(await as(key), createOfferSchema.parse(fields))).id;
	const lifts = await offerOf('giorgio', {
		kind: 'transport',
		title: 'Passaggi in auto per visite mediche',
		description: 'Ho la mattina libera: accompagno in ospedale o dal medico, e riporto a casa.',
		category: 'health',
		territoryId: place('Borgo Nord'),
		availability: ['tue:morning', 'thu:morning'],
		capacity: 3
	});
	const bread = await offerOf('paolo', {
		kind: 'goods',
		title: 'Pane del giorno prima, il sabato',
		description: 'Il forno di via Roma ci lascia il pane invenduto: lo portiamo a chi lo chiede.',
		category: 'food',
		organisationId: organisation('anziani'),
		capacity: 10
	});
	const papers = await offerOf('elena', {
		kind: 'skill',
		title: 'Aiuto con moduli e pratiche online',
		description: 'Ex impiegata comunale: ISEE, SPID, domande di bonus. Su appuntamento.',
		category: 'paperwork',
		availability: ['mon:afternoon', 'wed:afternoon'],
		capacity: 5
	});
	await offerOf('lucia', {
		kind: 'space',
		title: 'Sala parrocchiale libera il martedì sera',
		description: 'Per incontri e corsi gratuiti, fino a 30 persone.',
		category: 'company',
		territoryId: place('San Rocco'),
		capacity: 4
	});
	await offerOf('matteo', {
		kind: 'time',
		title: 'Una passeggiata e due chiacchiere',
		description: 'Il fine settimana faccio compagnia a chi esce poco.',
		category: 'company',
		availability: ['sat:afternoon', 'sun:morning'],
		capacity: 2
	});
	const ask = async (key: PersonKey, offerId: string, message: string, needId?: string) =>
		(await requestOffer(await as(key), offerId, { message, needId: needId ?? null })).id;
	const answer = async (
		key: PersonKey,
		requestId: string,
		decision: 'accept' | 'decline' | 'done'
	) => decideOfferRequest(await as(key), requestId, { decision, note: '' });
	await ask('rosa', papers, 'Devo rinnovare l’ISEE e non ho lo SPID.');
	await answer(
		'giorgio',
		await ask('giuseppe', lifts, 'Giovedì ho la visita in cardiologia.'),
		'accept'
	);
	await answer('paolo', await ask('ahmed', bread, 'Siamo in cinque in famiglia.'), 'decline');
	const breadDone = await ask('rosa', bread, 'Mi basta una pagnotta.');
	await answer('paolo', breadDone, 'accept');
	await answer('paolo', breadDone, 'done');

	// Channels: the services talk across organisations, the helpers of a need among themselves.
	const say = async (key: PersonKey, channelId: string, body: string) =>
		sendMessage(await as(key), channelId, { body });
	const joint = await createChannel(await as('marco'), {
		kind: 'joint',
		name: 'Tavolo anziani soli',
		members: [],
		organisationIds: [organisation('comune'), organisation('caritas')]
	});
	await say(
		'marco',
		joint.id,
		'Buongiorno a tutti: questa settimana tre nuove segnalazioni in via Roma.'
	);
	await say(
		'giulia',
		joint.id,
		'@Marco Rinaldi le prendiamo noi, ci sentiamo giovedì per fare il punto.'
	);
	const ownChannel = (await listChannels(await as('marco'))).find((c) => c.kind === 'organisation');
	if (ownChannel)
		await say('marco', ownChannel.id, 'Ricordo la riunione di équipe di lunedì alle 9.');
	const helpers = await openNeedChannel(await as('luca'), shopping);
	await say('luca', helpers, 'Passo io sabato mattina, porto anche il pane.');

	// Joint actions, dated from today on the network's clock so the demo reads the same whenever
	// it starts (times are a form's local times, read by the schemas as the form's would be).
	const today = dayOf(now());
	const day = (offset: number) => {
		const d = new Date(`${today}T12:00:00Z`);
		d.setUTCDate(d.getUTCDate() + offset);
		return d.toISOString().slice(0, 10);
	};
	const at = (offset: number, time: string) => `${day(offset)}T${time}`;

	// A campaign under way since last week, led by the elderly people's association: the social
	// service has joined it, Caritas is invited and has not answered yet.
	const campaignFields = {
		kind: 'campaign',
		title: 'Truffe agli anziani: come difendersi',
		description:
			'Falsi tecnici del gas, finti nipoti al telefono, SMS della banca che non è la banca: volantini negli sportelli e nelle farmacie, telefonate a chi vive solo e laboratori in piccoli gruppi per riconoscere i raggiri, con un esperto dei Carabinieri. Per le persone anziane e per chi se ne prende cura.',
		leadOrganisationId: organisation('anziani'),
		territoryIds: [place('Centro storico'), place('Borgo Nord')],
		targetGroupIds: ['elderly'],
		startsAt: at(-7, '09:00'),
		endsAt: at(35, '18:00'),
		goal: 'Raggiungere 500 persone anziane e i loro familiari',
		goalCount: 500,
		visibility: 'public'
	};
	const campaign = (await createAction(await as('paolo'), createActionSchema.parse(campaignFields)))
		.id;
	await updateAction(
		await as('paolo'),
		campaign,
		updateActionSchema.parse({ ...campaignFields, status: 'running' })
	);
	await addPartner(await as('paolo'), campaign, organisation('comune'));
	await answerPartner(await as('marco'), campaign, organisation('comune'), 'accept');
	await addPartner(await as('paolo'), campaign, organisation('caritas'));

	// Who does what where, each partner for itself.
	const commit = async (key: PersonKey, actionId: string, fields: Record<string, unknown>) =>
		addCommitment(await as(key), actionId, commitmentSchema.parse(fields));
	await commit('paolo', campaign, {
		organisationId: organisation('anziani'),
		what: 'Laboratori con un esperto dei Carabinieri a San Rocco e a Case Nuove',
		quantity: 2
	});
	await commit('paolo', campaign, {
		organisationId: organisation('anziani'),
		what: 'Telefonate di avviso agli iscritti che vivono soli',
		territoryId: place('Borgo Nord'),
		quantity: 120
	});
	await commit('chiara', campaign, {
		organisationId: organisation('comune'),
		what: 'Volantini negli sportelli del segretariato sociale e nelle farmacie',
		territoryId: place(CITY),
		quantity: 1000,
		from: campaignFields.startsAt,
		to: campaignFields.endsAt
	});

	// The shared checklist: two tasks done, the others ahead with their owners.
	const task = async (key: PersonKey, fields: Record<string, unknown>) =>
		addTask(await as(key), campaign, createTaskSchema.parse(fields));
	const tick = async (key: PersonKey, done: { id: string }) =>
		updateTask(await as(key), campaign, done.id, updateTaskSchema.parse({ done: true }));
	await tick(
		'chiara',
		await task('chiara', {
			title: 'Stampare i volantini e portarli nelle farmacie',
			organisationId: organisation('comune'),
			assigneeId: people.get('chiara')!.id,
			dueAt: at(-6, '18:00')
		})
	);
	await tick(
		'giorgio',
		await task('paolo', {
			title: 'Prenotare l’aula informatica del centro civico di San Rocco',
			organisationId: organisation('anziani'),
			assigneeId: people.get('giorgio')!.id,
			dueAt: at(-3, '12:00')
		})
	);
	await task('paolo', {
		title: 'Confermare il relatore dei Carabinieri per il laboratorio di Case Nuove',
		organisationId: organisation('anziani'),
		assigneeId: people.get('elena')!.id,
		dueAt: at(5, '18:00')
	});
	await task('chiara', {
		title: 'Avvisare i medici di base di Case Nuove e Villaggio del Sole',
		organisationId: organisation('comune'),
		assigneeId: people.get('sara')!.id,
		dueAt: at(10, '12:00')
	});
	await task('paolo', {
		title: 'Preparare il registro presenze dei laboratori',
		dueAt: at(7, '18:00')
	});

	// Whom it reached so far, by day and place.
	const reached = async (key: PersonKey, fields: Record<string, unknown>) =>
		addReach(await as(key), campaign, reachSchema.parse(fields));
	await reached('paolo', {
		date: day(-6),
		peopleReached: 45,
		organisationId: organisation('anziani'),
		territoryId: place('San Rocco'),
		note: 'Banchetto al mercato di San Rocco'
	});
	await reached('chiara', {
		date: day(-4),
		peopleReached: 130,
		organisationId: organisation('comune'),
		territoryId: place(CITY),
		note: 'Volantini consegnati agli sportelli e in tre farmacie'
	});
	await reached('paolo', {
		date: day(-1),
		peopleReached: 60,
		organisationId: organisation('anziani'),
		territoryId: place('Case Nuove'),
		note: 'Telefonate agli iscritti che vivono soli'
	});

	// Two small workshops: the first is full, the second has a waiting list (Luca first, then
	// Matteo).
	const session = async (fields: Record<string, unknown>) =>
		(await createSession(await as('paolo'), campaign, createSessionSchema.parse(fields))).id;
	const full = await session({
		startsAt: at(8, '10:00'),
		endsAt: at(8, '11:30'),
		place: 'Centro civico di San Rocco, aula informatica',
		capacity: 3
	});
	const waiting = await session({
		startsAt: at(15, '16:00'),
		endsAt: at(15, '17:30'),
		place: 'Sala parrocchiale di Case Nuove',
		capacity: 2
	});
	for (const key of ['rosa', 'giuseppe', 'fatima'] as const) await signUp(await as(key), full);
	for (const key of ['ahmed', 'lucia', 'luca', 'matteo'] as const)
		await signUp(await as(key), waiting);

	const { channelId } = await getAction(await as('paolo'), campaign);
	if (channelId) {
		await say(
			'paolo',
			channelId,
			'Benvenuti! Il laboratorio di San Rocco è già pieno: chi resta fuori lo invitiamo a Case Nuove.'
		);
		await say(
			'marco',
			channelId,
			'Ottimo. Dai nostri sportelli sono usciti i primi volantini: se finiscono ne stampiamo altri.'
		);
	}

	// Caritas's food distribution in San Rocco: the one the social service's coordinator clashes
	// with when he plans his own there on the same days (DEMO_CLASH).
	const distribution = (
		await createAction(
			await as('giulia'),
			createActionSchema.parse({
				kind: DEMO_CLASH.kind,
				title: DEMO_CLASH.existing.title,
				description:
					'Tre giornate di distribuzione di pacchi alimentari (pasta, legumi, olio, latte a lunga conservazione) nel cortile della parrocchia, per le famiglie seguite dal centro di ascolto. Si ritira con la tessera del centro.',
				leadOrganisationId: organisation('caritas'),
				territoryIds: [place(DEMO_CLASH.territory)],
				targetGroupIds: ['families', 'low_income'],
				startsAt: at(DEMO_CLASH.fromDay, '08:30'),
				endsAt: at(DEMO_CLASH.toDay, '18:00'),
				goal: 'Consegnare 150 pacchi alle famiglie del quartiere',
				goalCount: 150,
				visibility: 'public'
			})
		)
	).id;
	await addCommitment(
		await as('giulia'),
		distribution,
		commitmentSchema.parse({
			organisationId: organisation('caritas'),
			what: 'Pacchi alimentari per le famiglie del centro di ascolto',
			territoryId: place(DEMO_CLASH.territory),
			quantity: 150
		})
	);
	await addTask(
		await as('giulia'),
		distribution,
		createTaskSchema.parse({
			title: 'Ritirare le eccedenze al Banco alimentare',
			organisationId: organisation('caritas'),
			assigneeId: people.get('luca')!.id,
			dueAt: at(DEMO_CLASH.fromDay - 1, '10:00')
		})
	);

	// Participatory consultations, one in each phase: the social service asks the town where and
	// how to open a neighbourhood social desk (done: results and commitments), about Borgo Nord's
	// new civic centre (information), home care (proposals) and its participatory budget (voting,
	// open to the visitor); the elderly people's association about the summer (supports). Phases
	// are dated from today like the actions above; proposals and supports need their phase, so
	// the coordinator moves it by hand while the seed plays the months before (a move holds until
	// the next phase's start date, then the dates take over again).
	const calendar = (starts: readonly [PhaseKind, number][], end: number) =>
		starts.map(([kind, from], i) => ({
			kind,
			startsAt: at(from, '09:00'),
			endsAt: at(i + 1 < starts.length ? starts[i + 1][1] : end, '09:00')
		}));
	const consult = async (key: PersonKey, fields: Record<string, unknown>) =>
		createConsultation(await as(key), createConsultationSchema.parse(fields));
	const move = async (key: PersonKey, consultationId: string, kind: PhaseKind) =>
		movePhase(await as(key), consultationId, kind);

	/** A proposal, who supports it in the supports phase, and the organisation's answer. */
	interface Idea {
		by: PersonKey;
		title: string;
		body: string;
		supporters?: readonly PersonKey[];
		answer?: { state: 'evaluating' | 'accepted' | 'rejected'; text: string };
	}
	/**
	 * Residents propose in the proposals phase and, with `supports`, support in the next one;
	 * then the coordinator answers. The proposals' ids, in the order of `ideas`.
	 */
	const gather = async (
		coordinator: PersonKey,
		consultation: { id: string; currentPhase: PhaseKind },
		ideas: readonly Idea[],
		supports: boolean
	) => {
		if (consultation.currentPhase !== 'proposals')
			await move(coordinator, consultation.id, 'proposals');
		const ids: string[] = [];
		for (const idea of ideas) {
			const input = createProposalSchema.parse({ title: idea.title, body: idea.body });
			ids.push((await createProposal(await as(idea.by), consultation.id, input)).id);
		}
		if (supports) {
			await move(coordinator, consultation.id, 'supports');
			for (const [i, idea] of ideas.entries())
				for (const key of idea.supporters ?? []) await supportProposal(await as(key), ids[i]);
		}
		for (const [i, idea] of ideas.entries())
			if (idea.answer)
				await answerProposal(
					await as(coordinator),
					ids[i],
					answerProposalSchema.parse(idea.answer)
				);
		return ids;
	};
	const vote = async (key: PersonKey, pollId: string, choices: string[]) =>
		castBallot(await as(key), pollId, castBallotSchema.parse({ choices }));
	/** Made-up codici fiscali: the first 15 characters, and the check letter they call for. */
	const codiceFiscale = (first15: string) =>
		identitySchema.parse({ personKey: first15 + checkLetter(first15) }).personKey;

	// Done: the neighbourhood social desk. Residents proposed how it should work and voted (by
	// preference, one ballot per person, some recorded at the desk for people without a device)
	// where to open it. The most first choices went to San Rocco, but not half of them: once the
	// least voted places left, their ballots moved on and Case Nuove won.
	const desk = await consult('marco', {
		title: 'Sportello sociale di prossimità: dove e come aprirlo',
		description:
			'Il Comune apre uno sportello sociale di prossimità: un posto vicino a casa dove chiedere informazioni, prenotare un colloquio con l’assistente sociale e farsi aiutare con le pratiche, senza andare in municipio. Abbiamo raccolto le vostre proposte su come deve funzionare e votato dove aprirlo. Qui trovate i risultati e gli impegni del Comune, con lo stato dei lavori.',
		organisationId: organisation('comune'),
		territoryId: place(CITY),
		phases: calendar(
			[
				['information', -75],
				['proposals', -60],
				['supports', -45],
				['voting', -30],
				['results', -14]
			],
			90
		),
		settings: {
			supportsPerPerson: 3,
			supportThreshold: 4,
			proposalsPerPerson: 2,
			assistedBallots: true
		}
	});
	const [, languages, online, , travelling] = await gather(
		'marco',
		desk,
		[
			{
				by: 'elena',
				title: 'Aperto anche il sabato mattina',
				body: 'Chi lavora non riesce mai a venire in orario d’ufficio. Basterebbero tre ore il sabato mattina, anche solo a settimane alterne.',
				supporters: ['giorgio', 'luca', 'paolo'],
				answer: {
					state: 'rejected',
					text: 'Per ora il personale non basta per aprire il sabato. Lo sportello resterà aperto però fino alle 19 il giovedì.'
				}
			},
			{
				by: 'fatima',
				title: 'Mediatori linguistici su appuntamento',
				body: 'Molte famiglie straniere rinunciano a chiedere aiuto perché non riescono a farsi capire. Un mediatore per l’arabo e uno per il rumeno, anche un solo giorno alla settimana, farebbero la differenza.',
				supporters: ['ahmed', 'lucia', 'luca', 'sara'],
				answer: {
					state: 'accepted',
					text: 'Accolta: con la cooperativa che gestisce la mediazione culturale avremo due mediatori il martedì e il venerdì.'
				}
			},
			{
				by: 'matteo',
				title: 'Un aiuto per SPID e pratiche online',
				body: 'Sempre più servizi si chiedono solo online. Allo sportello serve un computer e qualcuno che aiuti a fare lo SPID, l’ISEE e le domande dei bonus.',
				supporters: ['anna', 'rosa', 'giuseppe', 'ahmed', 'lucia', 'elena'],
				answer: {
					state: 'accepted',
					text: 'Accolta: una postazione assistita, con i volontari di Anziani Attivi formati dal nostro ufficio.'
				}
			},
			{
				by: 'ahmed',
				title: 'Prenotare il colloquio anche per telefono',
				body: 'Non tutti sanno usare le app: deve essere possibile prendere appuntamento chiamando un numero fisso, dove risponde una persona.',
				supporters: ['giuseppe', 'giulia', 'rosa'],
				answer: {
					state: 'evaluating',
					text: 'La stiamo valutando con il centralino del Comune: vi diremo entro fine mese se si può fare da subito.'
				}
			},
			{
				by: 'giuseppe',
				title: 'Uno sportello che gira per i quartieri',
				body: 'Per chi non guida e abita lontano dal centro: una volta al mese lo sportello potrebbe spostarsi nelle sale parrocchiali e nei centri civici dei quartieri.',
				supporters: ['rosa', 'paolo', 'giorgio', 'giulia', 'lucia'],
				answer: {
					state: 'accepted',
					text: 'Accolta: da settembre, il primo mercoledì del mese, a turno a Borgo Nord e a Lungofiume.'
				}
			}
		],
		true
	);
	await move('marco', desk.id, 'voting');
	const where = await createPoll(
		await as('marco'),
		desk.id,
		createPollSchema.parse({
			question: 'Dove apriamo lo sportello sociale di prossimità?',
			method: 'ranked',
			options: [
				'Centro civico di San Rocco',
				'Biblioteca di Case Nuove',
				'Ex scuola elementare dei Mulini',
				'Mercato coperto di Piazza Garibaldi'
			],
			results: 'after_close',
			anonymous: true
		})
	);
	const [sanRocco, caseNuove, mulini, mercato] = where.options.map((o) => o.id);
	// With ballots recorded at the desk, one person one vote goes by codice fiscale: those who
	// vote from their own account tie theirs first.
	const deskVoters = [
		['anna', 'SPSNNA68D52E648', [sanRocco, caseNuove]],
		['giorgio', 'BRBGRG50L03E648', [sanRocco, mercato]],
		['elena', 'GLLLNE61P44E648', [sanRocco]],
		['paolo', 'CNTPLA55B09E648', [sanRocco, mulini, caseNuove]],
		['lucia', 'RMNLCU81C55E648', [caseNuove, mulini]],
		['fatima', 'LMRFTM83E67Z330', [caseNuove]],
		['matteo', 'RCCMTT95R12E648', [caseNuove, sanRocco]],
		['davide', 'GRCDVD79A14E648', [caseNuove, mercato, sanRocco]],
		['luca', 'MRTLCU90S21E648', [caseNuove, mulini, sanRocco]],
		['chiara', 'BNCCHR85H63E648', [mulini, caseNuove]],
		['giulia', 'FRRGLI72M48E648', [mulini, caseNuove]]
	] as const satisfies readonly (readonly [PersonKey, string, readonly string[]])[];
	for (const [key, code, choices] of deskVoters) {
		await tieIdentity(await as(key), codiceFiscale(code));
		await vote(key, where.id, [...choices]);
	}
	// Four residents without a device voted at the desk, with an operator, who says so.
	const assisted = [
		['chiara', 'MRNLSU39B50E648', [sanRocco, mulini]],
		['chiara', 'CSTGNN42M10E648', [sanRocco]],
		['sara', 'PGNMRA46S62E648', [mulini, sanRocco]],
		['sara', 'VLNCRL44E17E648', [mercato, mulini, caseNuove]]
	] as const satisfies readonly (readonly [PersonKey, string, readonly string[]])[];
	for (const [operator, code, choices] of assisted)
		await castBallot(
			await as(operator),
			where.id,
			castBallotSchema.parse({
				choices,
				onBehalfOf: { personKey: codiceFiscale(code), consent: true }
			})
		);
	await move('marco', desk.id, 'results');

	// What the social service committed to, and how far it got.
	const commitment = async (fields: Record<string, unknown>) =>
		(
			await commitToConsultation(
				await as('marco'),
				desk.id,
				consultationCommitmentSchema.parse(fields)
			)
		).id;
	const progress = async (id: string, value: number, date: number, text: string) =>
		moveCommitment(
			await as('marco'),
			id,
			commitmentProgressSchema.parse({ progress: value, milestone: { date: day(date), text } })
		);
	const library = await commitment({
		title: 'Aprire lo sportello nella Biblioteca di Case Nuove',
		description:
			'Come deciso dal voto: due stanze al piano terra della biblioteca, senza barriere, aperte dal lunedì al venerdì e il giovedì fino alle 19.',
		progress: 20
	});
	await progress(library, 40, -10, 'La Giunta ha approvato il progetto e la spesa.');
	await progress(library, 60, -3, 'Cominciati i lavori per il bagno accessibile.');
	const desktop = await commitment({
		title: 'Postazione assistita per SPID e pratiche online',
		description: 'Due computer e, a turno, un volontario formato dal servizio sociale.',
		proposalId: online
	});
	await progress(
		desktop,
		70,
		-5,
		'Arrivati i computer; i volontari di Anziani Attivi hanno finito la formazione.'
	);
	await commitment({
		title: 'Mediatori linguistici il martedì e il venerdì',
		description: 'Arabo e rumeno, su appuntamento, con la cooperativa di mediazione culturale.',
		proposalId: languages,
		progress: 10
	});
	await commitment({
		title: 'Lo sportello nei quartieri una volta al mese',
		description: 'Il primo mercoledì del mese, a turno a Borgo Nord e a Lungofiume.',
		proposalId: travelling
	});

	// Information: the project of Borgo Nord's civic centre, before proposals open; only its
	// residents will take part.
	await consult('marco', {
		title: 'Il nuovo centro civico di Borgo Nord: che cosa deve offrire?',
		description:
			'L’ex scuola media di via delle Fornaci diventerà il centro civico di Borgo Nord: 900 metri quadri su due piani, un cortile e 480.000 euro per i lavori. Prima di raccogliere le proposte vi presentiamo il progetto, le piante e i vincoli: due incontri pubblici nella sala parrocchiale di Case Nuove, il martedì alle 18 e il sabato alle 10. Poi potrete proporre che cosa ci deve essere (sale per le associazioni, doposcuola, ambulatorio, spazi per i giovani…), sostenere le proposte degli altri e votare.',
		organisationId: organisation('comune'),
		territoryId: place('Borgo Nord'),
		phases: calendar(
			[
				['information', -4],
				['proposals', 10],
				['supports', 24],
				['voting', 38],
				['results', 52]
			],
			120
		),
		settings: { supportsPerPerson: 5, supportThreshold: 10, proposalsPerPerson: 2 }
	});

	// Proposals: home care, as those who receive it and their families would change it.
	const homeCare = await consult('marco', {
		title: 'Come cambiare l’assistenza domiciliare',
		description:
			'Il contratto con la cooperativa che gestisce l’assistenza domiciliare scade a fine anno. Prima di scrivere il nuovo capitolato chiediamo a chi la riceve, ai familiari e agli operatori che cosa funziona e che cosa no: orari, continuità, che cosa fanno gli operatori, come si fa domanda.',
		organisationId: organisation('comune'),
		territoryId: place(CITY),
		phases: calendar(
			[
				['information', -20],
				['proposals', -6],
				['supports', 15],
				['results', 30]
			],
			90
		)
	});
	await gather(
		'marco',
		homeCare,
		[
			{
				by: 'rosa',
				title: 'Sempre la stessa operatrice',
				body: 'Ogni settimana viene una persona diversa e ogni volta devo rispiegare tutto, anche dove tengo le medicine. Chiedo un’operatrice fissa, con una sostituta che conosco.',
				answer: {
					state: 'evaluating',
					text: 'Ne parliamo con la cooperativa: la continuità entrerà tra i punti del nuovo capitolato.'
				}
			},
			{
				by: 'giuseppe',
				title: 'L’orario della visita detto il giorno prima',
				body: 'Aspetto a casa tutta la mattina senza sapere quando arriva l’operatore. Una telefonata o un SMS il giorno prima con l’orario mi permetterebbe di organizzarmi.'
			},
			{
				by: 'elena',
				title: 'Qualche ora di sollievo per chi assiste un familiare',
				body: 'Chi si prende cura di un genitore non autosufficiente non ha mai una pausa. Proponiamo alcune ore al mese di assistenza in più, per dare respiro ai familiari.'
			},
			{
				by: 'giorgio',
				title: 'Segnalare i piccoli guasti ai volontari',
				body: 'Gli operatori vedono prese rotte, rubinetti che perdono, tappeti pericolosi. Potrebbero segnalarli ai volontari di Anziani Attivi, che vengono a sistemarli gratis.'
			}
		],
		false
	);

	// Supports: the elderly people's association asks how to keep the old who live alone
	// company and cool in the summer; two proposals already have the supports that were asked.
	const summer = await consult('paolo', {
		title: 'Estate in compagnia: gli anziani soli e il caldo',
		description:
			'Ogni estate, nelle settimane più calde, qualcuno dei nostri iscritti resta chiuso in casa per giorni senza vedere nessuno. Con il Comune e la Caritas vogliamo preparare un piano per luglio e agosto: sostenete le proposte che vi sembrano più utili, le cinque più sostenute le mettiamo in pratica.',
		organisationId: organisation('anziani'),
		phases: calendar(
			[
				['proposals', -21],
				['supports', -4],
				['results', 12]
			],
			60
		),
		settings: { supportsPerPerson: 3, supportThreshold: 5, proposalsPerPerson: 2 }
	});
	await gather(
		'paolo',
		summer,
		[
			{
				by: 'elena',
				title: 'Una telefonata al giorno nei giorni di allerta caldo',
				body: 'Quando la Protezione civile dà l’allerta, i volontari chiamano ogni giorno gli iscritti che vivono soli, per sapere come stanno e se hanno bisogno di acqua o di medicine.',
				supporters: ['paolo', 'giorgio', 'rosa', 'giuseppe', 'chiara', 'sara']
			},
			{
				by: 'luca',
				title: 'Passaggi verso i luoghi freschi',
				body: 'Molti anziani non hanno il condizionatore: accompagniamoli il pomeriggio in biblioteca, al centro commerciale o nella sala climatizzata della parrocchia.',
				supporters: ['giuseppe', 'rosa', 'giorgio']
			},
			{
				by: 'lucia',
				title: 'Una sala fresca aperta il pomeriggio a Case Nuove',
				body: 'La sala parrocchiale di Case Nuove ha l’aria condizionata: apriamola dalle 14 alle 18 a luglio e agosto, con le carte, la tombola e un po’ di compagnia.',
				supporters: ['ahmed', 'fatima', 'matteo', 'davide', 'giuseppe']
			},
			{
				by: 'rosa',
				title: 'Acqua e frutta portate a casa',
				body: 'Con il caldo non esco a fare la spesa. Qualcuno che mi porti acqua e frutta fresca due volte alla settimana sarebbe un grande aiuto.',
				supporters: ['giulia', 'luca', 'elena']
			},
			{
				by: 'matteo',
				title: 'Medici e farmacie aperti ad agosto, su un foglio',
				body: 'Ad agosto molti studi chiudono e non si sa a chi rivolgersi. Un foglio semplice con i medici sostituti e le farmacie di turno, da lasciare in ogni casa.',
				supporters: ['anna', 'marco']
			}
		],
		true
	);

	// Voting: the participatory budget. Of the proposals, the organisation put to the vote the
	// three it found feasible; the poll is open and most demo accounts have not voted yet.
	const budget = await consult('marco', {
		title: 'Bilancio partecipativo 2027: tre progetti per i quartieri',
		description:
			'150.000 euro del bilancio comunale 2027 li decidono i cittadini. Dalle proposte raccolte in primavera, le tre più sostenute e realizzabili sono al voto: ciascuno può sceglierne fino a due. Si realizzano le più votate, finché bastano i fondi.',
		organisationId: organisation('comune'),
		territoryId: place(CITY),
		phases: calendar(
			[
				['proposals', -45],
				['supports', -30],
				['voting', -6],
				['results', 21]
			],
			365
		),
		settings: { supportsPerPerson: 3, supportThreshold: 5, proposalsPerPerson: 2 }
	});
	await gather(
		'marco',
		budget,
		[
			{
				by: 'lucia',
				title: 'Un campetto nel cortile della scuola di Case Nuove',
				body: 'Il cortile della scuola è chiuso dopo le 16 e i ragazzi giocano in strada. Con una recinzione, due porte e le luci diventerebbe un campetto aperto fino a sera.',
				supporters: ['ahmed', 'fatima', 'matteo', 'davide', 'luca', 'sara'],
				answer: { state: 'accepted', text: 'Al voto: costo stimato 60.000 euro.' }
			},
			{
				by: 'giorgio',
				title: 'Panchine e ombra lungo la passeggiata del fiume',
				body: 'Da Ponte Vecchio all’Isolotto non c’è una panchina all’ombra. Per chi cammina piano servono sedute ogni duecento metri e qualche albero.',
				supporters: ['giuseppe', 'rosa', 'elena', 'paolo', 'luca'],
				answer: { state: 'accepted', text: 'Al voto: costo stimato 45.000 euro.' }
			},
			{
				by: 'fatima',
				title: 'Doposcuola gratuito al Villaggio del Sole',
				body: 'Tante famiglie non possono pagare le ripetizioni. Un doposcuola tre pomeriggi alla settimana, con educatori e volontari, nelle sale della parrocchia.',
				supporters: ['ahmed', 'lucia', 'matteo', 'davide', 'chiara', 'giulia', 'sara'],
				answer: { state: 'accepted', text: 'Al voto: 55.000 euro per due anni scolastici.' }
			},
			{
				by: 'paolo',
				title: 'Bagni pubblici accessibili in Piazza Garibaldi',
				body: 'In centro non c’è un bagno pubblico: per gli anziani e per chi ha bambini piccoli è un problema vero, il giorno del mercato.',
				supporters: ['rosa', 'giuseppe', 'elena', 'anna'],
				answer: {
					state: 'rejected',
					text: 'Non al voto: il bagno pubblico di Piazza Garibaldi è già nel piano delle opere 2026, senza bisogno di questi fondi.'
				}
			},
			{
				by: 'luca',
				title: 'Una fontanella in ogni parco giochi',
				body: 'D’estate nei parchi non c’è acqua da bere. Chiediamo una fontanella in ogni parco giochi del Comune.',
				supporters: ['giulia', 'giorgio', 'matteo'],
				answer: {
					state: 'rejected',
					text: 'Non al voto: le fontanelle rientrano nella manutenzione ordinaria e le installiamo entro l’estate.'
				}
			},
			{
				by: 'davide',
				title: 'Wi-fi gratuito nelle sale civiche',
				body: 'Nelle sale civiche non c’è connessione: chi viene a studiare o a fare una pratica online deve usare il proprio telefono.',
				supporters: ['chiara']
			}
		],
		true
	);
	await move('marco', budget.id, 'voting');
	const projects = await createPoll(
		await as('marco'),
		budget.id,
		createPollSchema.parse({
			question: 'Quali progetti realizziamo con il bilancio partecipativo 2027?',
			method: 'approval',
			maxChoices: 2,
			options: [
				'Un campetto nel cortile della scuola di Case Nuove',
				'Panchine e ombra lungo la passeggiata del fiume',
				'Doposcuola gratuito al Villaggio del Sole'
			],
			// Named, so a visitor sees the count after voting and may change their mind while it
			// is open (an anonymous poll's count waits for its close).
			results: 'after_vote',
			anonymous: false
		})
	);
	// Nine people voted already; the others (the demo's logins among them) still may.
	const [pitch, benches, afterSchool] = projects.options.map((o) => o.id);
	const budgetBallots = [
		['paolo', [benches]],
		['davide', [pitch, afterSchool]],
		['sara', [afterSchool, pitch]],
		['fatima', [afterSchool]],
		['giorgio', [benches, pitch]],
		['elena', [benches, afterSchool]],
		['matteo', [pitch]],
		['ahmed', [afterSchool, pitch]],
		['giuseppe', [benches]]
	] as const satisfies readonly (readonly [PersonKey, readonly string[]])[];
	for (const [key, choices] of budgetBallots) await vote(key, projects.id, [...choices]);

	log.info(
		`demo: sign in as ${DEMO_CLASH.email} and plan a distribution for the social service in ${DEMO_CLASH.territory} between ${at(DEMO_CLASH.fromDay, '08:30')} and ${at(DEMO_CLASH.toDay, '18:00')} (Rome time) to meet a clash with Caritas's`
	);
}
