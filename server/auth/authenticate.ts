import { eq } from "drizzle-orm";
import { getDb, schema } from "@/db/client";
import { clientAddress } from "./client-address";
import { deviceIdFrom, issueDeviceCookie } from "./device";
import { verifyPassword } from "./password";
import { loginInput } from "./schema";
import { createSession } from "./sessions";
import { beginLoginAttempt, markLoginSucceeded } from "./throttle";

export type SignInOutcome =
  | { kind: "signed-in"; user: { id: string; email: string; name: string; sid: string }; deviceCookie: string }
  | { kind: "throttled"; retryAfterSeconds: number }
  | { kind: "one-time-password-expired" }
  | { kind: "refused" };

/**
 * The credentials check behind Auth.js's `authorize` (config.ts), which maps the outcome to its
 * errors and sets the device cookie: throttle gate first (throttle.ts), then bcrypt, then a
 * server-side session. An expired one-time password is told apart only after the password matched,
 * so the message reveals nothing to someone who does not know it.
 */
export async function authenticate(raw: unknown, request: Request): Promise<SignInOutcome> {
  const parsed = loginInput.safeParse(raw);
  if (!parsed.success) return { kind: "refused" };
  const { email, password } = parsed.data;
  const { ip, trusted } = clientAddress(request.headers);
  const deviceId = deviceIdFrom(request.headers.get("cookie"), email);
  const gate = await beginLoginAttempt({ email, ip, trustedAddress: trusted, deviceId });
  if ("retryAfterSeconds" in gate) return { kind: "throttled", retryAfterSeconds: gate.retryAfterSeconds };
  const db = await getDb();
  const [user] = await db
    .select({
      id: schema.users.id,
      name: schema.users.name,
      passwordHash: schema.users.passwordHash,
      disabledAt: schema.users.disabledAt,
      oneTimePasswordExpiresAt: schema.users.oneTimePasswordExpiresAt,
    })
    .from(schema.users)
    .where(eq(schema.users.email, email));
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!ok || !user || user.disabledAt) return { kind: "refused" };
  if (user.oneTimePasswordExpiresAt && user.oneTimePasswordExpiresAt.getTime() <= Date.now())
    return { kind: "one-time-password-expired" };
  await markLoginSucceeded(gate.attemptId);
  const sid = await createSession(user.id, { ip, userAgent: request.headers.get("user-agent") });
  return {
    kind: "signed-in",
    user: { id: user.id, email, name: user.name, sid },
    deviceCookie: issueDeviceCookie(email),
  };
}
