import { z } from "zod";
import { pageInput } from "../../lib/page-input";

export const roles = ["admin", "marketer"] as const;
export const roleSchema = z.enum(roles);

export const listUsersInput = pageInput;

export const inviteUserInput = z.object({
  email: z
    .email("Enter a valid email address")
    .max(254)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1, "Enter a name").max(120),
  role: roleSchema,
});

export const changeUserRoleInput = z.object({ id: z.uuid(), data: z.object({ role: roleSchema }) });

export const setUserDisabledInput = z.object({ id: z.uuid(), data: z.object({ disabled: z.boolean() }) });
