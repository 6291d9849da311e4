// Shared by the server prefetch and the client query, which must ask for the same thing.
export const invocationsListInput = { limit: 50 };
export const invocationsPaging = { getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor };
