// Shared by the server prefetch and the client query, which must ask for the same thing.
export const segmentsListInput = { limit: 50 };
export const segmentsPaging = { getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor };
