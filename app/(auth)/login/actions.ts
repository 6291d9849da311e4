"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { LoginThrottled, OneTimePasswordExpired, signIn } from "@/server/auth/config";
import { loginInput } from "@/server/auth/schema";

export type LoginState = { error?: string; fieldErrors?: { email?: string[]; password?: string[] }; email?: string };

// Only same-site paths: an open redirect after login would be a phishing aid.
function safeCallback(value: FormDataEntryValue | null): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/dashboard";
}

export async function login(_: LoginState, formData: FormData): Promise<LoginState> {
  const raw = formData.get("email");
  const email = typeof raw === "string" ? raw : "";
  const parsed = loginInput.safeParse({ email, password: formData.get("password") });
  if (!parsed.success) return { email, fieldErrors: z.flattenError(parsed.error).fieldErrors };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallback(formData.get("callbackUrl")) });
    return {};
  } catch (error) {
    // A successful sign-in "throws" Next's redirect, which must pass through.
    if (!(error instanceof AuthError)) throw error;
    if (error instanceof LoginThrottled) {
      const seconds = error.retryAfterSeconds;
      return { email, error: `Too many attempts: try again in ${seconds} second${seconds === 1 ? "" : "s"}.` };
    }
    if (error instanceof OneTimePasswordExpired) {
      return { email, error: "Your one-time password has expired: ask an admin to re-issue your invite." };
    }
    return { email, error: "Wrong email or password." };
  }
}
