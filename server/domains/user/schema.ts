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

export const reissueInviteInput = z.object({ id: z.uuid() });

// bcrypt reads only the first 72 bytes; a longer password would silently be cut.
const newPassword = z
  .string()
  .min(12, "Use at least 12 characters")
  .refine((p) => new TextEncoder().encode(p).length <= 72, "Use at most 72 bytes (about 72 letters)")
  .refine((p) => new Set(p).size >= 5, "Use more different characters");

const confirmed = <T extends { newPassword: string; confirmPassword: string }>(v: T) =>
  v.newPassword === v.confirmPassword;
const mismatch = { message: "The two passwords differ", path: ["confirmPassword"] };

/** Replacing an invite's one-time password right after signing in with it. */
export const choosePasswordInput = z.object({ newPassword, confirmPassword: z.string() }).refine(confirmed, mismatch);

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(200),
    newPassword,
    confirmPassword: z.string(),
  })
  .refine(confirmed, mismatch);
