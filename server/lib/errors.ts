/** A rule of the product was broken; the message is written for the person who broke it. */
export class DomainError extends Error {
  constructor(
    public readonly code: "NOT_FOUND" | "CONFLICT" | "BAD_REQUEST" | "FORBIDDEN" | "TOO_MANY_REQUESTS",
    message: string,
    public readonly field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
