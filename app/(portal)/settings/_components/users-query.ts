// Shared by the server prefetch and the client query, which must ask for the same thing.
export const usersListInput = { limit: 50 };
export const usersListPaging = { getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor };
