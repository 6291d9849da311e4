// Shared by the server prefetch and the client query, which must ask for the same thing.
export const actionsListInput = { limit: 50 };
export const actionsPaging = { getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor };
