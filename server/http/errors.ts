import { DomainError } from "../lib/errors";

/** The HTTP status of each DomainError code, for every edge outside tRPC (whose codes have the same names). */
export const httpStatusOf = {
  BAD_REQUEST: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
} as const satisfies Record<DomainError["code"], number>;

/** A use case's DomainError as an edge answers it: its message and the field it names. Anything else is rethrown. */
export function domainErrorResponse(error: unknown, init: ResponseInit = {}): Response {
  if (!(error instanceof DomainError)) throw error;
  return Response.json({ error: error.message, field: error.field }, { ...init, status: httpStatusOf[error.code] });
}
