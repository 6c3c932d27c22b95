// PostgreSQL's error codes as both drivers report them (postgres.js on the error, PGlite too;
// drizzle may wrap either in `cause`).
function code(error: unknown): string | undefined {
	const e = error as { code?: string; cause?: { code?: string } };
	return e?.code ?? e?.cause?.code;
}

export const isUniqueViolation = (error: unknown) => code(error) === '23505';
/** A row still referenced (23503 foreign_key_violation, or 23001 from an ON DELETE RESTRICT). */
export const isForeignKeyViolation = (error: unknown) =>
	['23503', '23001'].includes(code(error) ?? '');
