// Shared by the server prefetch and the client query, which must ask for the same thing.
/** The period the page opens on: the last 7 days. */
export const firstPeriod = 7;
