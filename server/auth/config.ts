import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { eq } from "drizzle-orm";
import { cache } from "react";
import { getDb, schema } from "@/db/client";
import { env } from "../env";
import { localSecret } from "../lib/data-dir";
import { verifyPassword } from "./password";
import { loginInput } from "./schema";
import { createSession, revokeSession, validateSession, type SessionUser } from "./sessions";
import { isLoginThrottled, recordLoginAttempt } from "./throttle";

declare module "next-auth" {
  interface Session {
    user: SessionUser & { id: string };
  }
}

export class LoginThrottled extends CredentialsSignin {
  code = "throttled";
}

// Behind a proxy the first X-Forwarded-For hop is the client; the per-account limit
// holds even if a client forges the header.
function clientIp(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-real-ip") || "unknown";
}

async function authorize(raw: unknown, request: Request) {
  const parsed = loginInput.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const ip = clientIp(request);
  if (await isLoginThrottled(email, ip)) throw new LoginThrottled();
  const db = await getDb();
  const [user] = await db
    .select({
      id: schema.users.id,
      name: schema.users.name,
      passwordHash: schema.users.passwordHash,
      disabledAt: schema.users.disabledAt,
    })
    .from(schema.users)
    .where(eq(schema.users.email, email));
  const ok = await verifyPassword(password, user?.passwordHash);
  const allowed = ok && !!user && !user.disabledAt;
  await recordLoginAttempt(email, ip, allowed);
  if (!allowed) return null;
  const sid = await createSession(user.id, { ip, userAgent: request.headers.get("user-agent") });
  return { id: user.id, email, name: user.name, sid };
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
