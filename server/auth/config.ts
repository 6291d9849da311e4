import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { cache } from "react";
import { env } from "../env";
import { localSecret } from "../lib/data-dir";
import { authenticate } from "./authenticate";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS } from "./device";
import { revokeSession, validateSession, type SessionUser } from "./sessions";

declare module "next-auth" {
  interface Session {
    user: SessionUser & { id: string };
  }
}

export class LoginThrottled extends CredentialsSignin {
  code = "throttled";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

export class OneTimePasswordExpired extends CredentialsSignin {
  code = "one_time_password_expired";
}

async function authorize(raw: unknown, request: Request) {
  const outcome = await authenticate(raw, request);
  if (outcome.kind === "throttled") throw new LoginThrottled(outcome.retryAfterSeconds);
  if (outcome.kind === "one-time-password-expired") throw new OneTimePasswordExpired();
  if (outcome.kind === "refused") return null;
  (await cookies()).set(DEVICE_COOKIE, outcome.deviceCookie, {
    httpOnly: true,
    sameSite: "lax",
    secure: new URL(request.url).protocol === "https:",
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
  });
  return outcome.user;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET ?? localSecret("auth-secret"),
  trustHost: true,
  // The cookie is a signed pointer to a server-side session row (see sessions.ts), not the
  // source of truth; the row decides, so revocation works despite the JWT strategy that
  // Credentials sign-in requires.
  session: { strategy: "jwt", maxAge: env.SESSION_MAX_HOURS * 3600 },
  pages: { signIn: "/login" },
  // A wrong password is an outcome, not a server error: keep it out of the error log.
  // (Matched on `type`: class names are minified in production builds.)
  logger: {
    error: (error) => void ((error as { type?: string }).type === "CredentialsSignin" || console.error(error)),
  },
  providers: [Credentials({ credentials: { email: {}, password: {} }, authorize })],
  callbacks: {
    async jwt({ token, user }) {
      if (user && "sid" in user) token.sid = user.sid;
      if (typeof token.sid !== "string") return null;
      const live = await validateSession(token.sid);
      if (!live) return null;
      token.user = live;
      return token;
    },
    session({ session, token }) {
      const live = token.user as SessionUser;
      return { ...session, user: { ...live, id: live.userId } };
    },
  },
  events: {
    async signOut(message) {
      if ("token" in message && typeof message.token?.sid === "string") await revokeSession(message.token.sid);
    },
  },
});

/** The signed-in user for this request, or null. Cached per server render. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  return session?.user ?? null;
});
