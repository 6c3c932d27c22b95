// PostgreSQL's error codes as both drivers report them (postgres.js on the error, PGlite too;
// drizzle may wrap either in `cause`).
function code(error: unknown): string | undefined {
	const e = error as { code?: string; cause?: { code?: string } };
	return e?.code ?? e?.cause?.code;
}

export const isUniqueViolation = (error: unknown) => code(error) === '23505';
export const isForeignKeyViolation = (error: unknown) => code(error) === '23503';
