/** A person's account as the API and the pages show it to that person. */
export interface PublicUser {
	id: string;
	email: string;
	name: string;
	locale: 'it' | 'en';
	isAdmin: boolean;
	/** Whether the person proved the address is theirs (see docs/trust.md). */
	emailVerified: boolean;
}
