import { z } from "zod";

export const loginInput = z.object({
  email: z.email("Enter a valid email address").transform((e) => e.toLowerCase()),
  password: z.string().min(1, "Enter your password").max(200),
});
