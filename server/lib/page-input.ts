import { z } from "zod";

// Kept apart from the keyset SQL helpers so client forms can import domain schemas cheaply.
export const pageInput = z.object({
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});
