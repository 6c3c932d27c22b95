/** Every socket of a person, and of one session: what user- and session-wide events reach. */
export const rooms = {
	user: (id: string) => `user:${id}`,
	session: (id: string) => `session:${id}`
};
