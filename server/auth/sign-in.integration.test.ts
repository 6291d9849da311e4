import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@/db/client";
import { callerFor, createWorkspace } from "../testing/fixtures";
import { authenticate, type SignInOutcome } from "./authenticate";
import { clientAddress } from "./client-address";
import { DEVICE_COOKIE } from "./device";
import { validateSession } from "./sessions";
import { delaySeconds, FREE_FAILURES, MAX_DELAY_SECONDS } from "./throttle";

const PASSWORD = "correct horse battery";

// The request Auth.js hands to `authorize`: only its headers matter here.
const signIn = (email: string, password: string, headers: Record<string, string> = {}) =>
  authenticate({ email, password }, new Request("http://localhost/api/auth/callback/credentials", { headers }));

const signedIn = (outcome: SignInOutcome) => {
  if (outcome.kind !== "signed-in") throw new Error(`expected a sign-in, got ${outcome.kind}`);
  return outcome;
};

type Db = Awaited<ReturnType<typeof createWorkspace>>["db"];

/**
 * Stamps the account's failures as made this instant. A throttle delay starts at the last
 * failure, and on a loaded machine the bcrypt checks that recorded them can outlast the first
 * (1 s) delay; stamping them afresh makes what follows read the delay, not the machine's speed.
 */
async function failuresJustNow(db: Db, email: string) {
  await db
    .update(schema.loginAttempts)
    .set({ at: sql`now()` })
    .where(and(eq(schema.loginAttempts.email, email), eq(schema.loginAttempts.succeeded, false)));
}

/**
 * An attacker who kept trying: `count` more failures on the account, from their address, stamped
 * now. With them the delay (2^count s and more) outlasts the rest of a test however slow the
 * machine, where the first delay of 1 s may pass during one bcrypt check under load.
 */
async function attackerKeptTrying(db: Db, email: string, count: number) {
  await db
    .insert(schema.loginAttempts)
    .values(Array.from({ length: count }, () => ({ email, ip: "198.51.100.250", succeeded: false })));
}

async function attemptsRecorded(db: Db, email: string) {
  const rows = await db.select().from(schema.loginAttempts).where(eq(schema.loginAttempts.email, email));
  return rows.length;
}

describe("the client's address", () => {
  it("with no trusted proxy, is only a label: whatever X-Forwarded-For says, it is not trusted", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.5" }), 0)).toEqual({
      ip: "203.0.113.5",
      trusted: false,
    });
  });

  it("behind trusted proxies, is the entry that many from the end, ignoring what the client wrote before it", () => {
    const headers = new Headers({ "x-forwarded-for": "1.1.1.1, 203.0.113.9, 10.0.0.2" });
    expect(clientAddress(headers, 2)).toEqual({ ip: "203.0.113.9", trusted: true });
    expect(clientAddress(headers, 1)).toEqual({ ip: "10.0.0.2", trusted: true });
    expect(clientAddress(new Headers(), 1)).toEqual({ ip: "unknown", trusted: false });
  });
});

describe("sign-in throttling (authorize)", () => {
  it("grows delays after the free failures instead of locking the account", async () => {
    expect([4, 5, 6, 7].map((n) => delaySeconds(n, FREE_FAILURES))).toEqual([0, 1, 2, 4]);
    expect(delaySeconds(100, FREE_FAILURES)).toBe(MAX_DELAY_SECONDS);
    const { db, marketer } = await createWorkspace(PASSWORD);
    for (let i = 0; i < FREE_FAILURES; i++) expect((await signIn(marketer.email, `guess-${i}`)).kind).toBe("refused");
    await failuresJustNow(db, marketer.email);
    expect(await signIn(marketer.email, PASSWORD)).toEqual({ kind: "throttled", retryAfterSeconds: 1 });
    // Once the delay has passed (the failures made older rather than waited for), one more try is let through.
    await db
      .update(schema.loginAttempts)
      .set({ at: sql`${schema.loginAttempts.at} - interval '2 seconds'` })
      .where(eq(schema.loginAttempts.email, marketer.email));
    expect((await signIn(marketer.email, "guess-again")).kind).toBe("refused");
    await failuresJustNow(db, marketer.email);
    expect(await signIn(marketer.email, PASSWORD)).toMatchObject({ kind: "throttled", retryAfterSeconds: 2 });
  });

  it("does not start afresh for a forged X-Forwarded-For (no trusted proxy)", async () => {
    const { db, marketer, admin } = await createWorkspace(PASSWORD);
    for (let i = 0; i < FREE_FAILURES; i++)
      await signIn(marketer.email, `guess-${i}`, { "x-forwarded-for": "203.0.113.1" });
    await attackerKeptTrying(db, marketer.email, 5);
    for (const forged of ["198.51.100.7", "198.51.100.8, 203.0.113.1", "10.0.0.1"])
      expect(await signIn(marketer.email, PASSWORD, { "x-forwarded-for": forged })).toMatchObject({
        kind: "throttled",
      });
    // Other accounts are not held up by it.
    signedIn(await signIn(admin.email, PASSWORD, { "x-forwarded-for": "203.0.113.1" }));
  });

  it("checks at most the allowed number of passwords from a concurrent burst", async () => {
    const { db, marketer } = await createWorkspace(PASSWORD);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signIn(marketer.email, `burst-${i}`, { "x-forwarded-for": "192.0.2.1" })),
    );
    expect(outcomes.filter((o) => o.kind === "refused")).toHaveLength(FREE_FAILURES);
    expect(outcomes.filter((o) => o.kind === "throttled")).toHaveLength(10 - FREE_FAILURES);
    // An attempt row is written before each password check; throttled ones never reach bcrypt.
    expect(await attemptsRecorded(db, marketer.email)).toBe(FREE_FAILURES);
  });

  it("lets the owner in from their device after an attacker's failures, but not a forged device cookie", async () => {
    const { db, marketer, admin } = await createWorkspace(PASSWORD);
    const { deviceCookie } = signedIn(await signIn(marketer.email, PASSWORD));
    for (let i = 0; i < 12; i++) await signIn(marketer.email, `attack-${i}`, { "x-forwarded-for": `198.51.100.${i}` });
    await attackerKeptTrying(db, marketer.email, 5);
    expect(await signIn(marketer.email, PASSWORD)).toMatchObject({ kind: "throttled" });
    const tampered = `${deviceCookie.slice(0, -2)}xx`;
    expect(await signIn(marketer.email, PASSWORD, { cookie: `${DEVICE_COOKIE}=${tampered}` })).toMatchObject({
      kind: "throttled",
    });
    // Another account's cookie is no pass either.
    const adminCookie = signedIn(await signIn(admin.email, PASSWORD)).deviceCookie;
    expect(await signIn(marketer.email, PASSWORD, { cookie: `${DEVICE_COOKIE}=${adminCookie}` })).toMatchObject({
      kind: "throttled",
    });
    signedIn(await signIn(marketer.email, PASSWORD, { cookie: `other=1; ${DEVICE_COOKIE}=${deviceCookie}` }));
  });
});

describe("invites and passwords", () => {
  it("makes the first sign-in with a one-time password choose a new one before anything else", async () => {
    const { db, workspace, admin } = await createWorkspace(PASSWORD);
    const { user, temporaryPassword } = await (
      await callerFor(admin)
    ).user.invite({
      email: "first@example.com",
      name: "First",
      role: "marketer",
    });
    const { sid } = signedIn(await signIn(user.email, temporaryPassword)).user;
    const session = await validateSession(sid);
    expect(session).toMatchObject({ mustChangePassword: true });
    const asInvitee = await callerFor(session);
    await expect(asInvitee.contact.list({ limit: 10 })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Choose your own password before doing anything else",
    });
    await expect(
      asInvitee.user.choosePassword({ newPassword: "short", confirmPassword: "short" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await asInvitee.user.choosePassword({ newPassword: "a brand new phrase", confirmPassword: "a brand new phrase" });
    // The session that chose it carries on, now allowed everything a marketer may do.
    const after = await validateSession(sid);
    expect(after).toMatchObject({ mustChangePassword: false });
    await (await callerFor(after)).contact.list({ limit: 10 });
    expect((await signIn(user.email, temporaryPassword)).kind).toBe("refused");
    signedIn(await signIn(user.email, "a brand new phrase"));
    const audit = await db
      .select({ action: schema.auditLog.action, details: schema.auditLog.details })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.workspaceId, workspace.id), eq(schema.auditLog.targetId, user.id)));
    expect(audit.map((a) => a.action)).toEqual(["user.invite", "user.change_password"]);
    expect(audit[1]?.details).toBe(JSON.stringify({ email: user.email, firstSignIn: true }));
    // Choosing again without the current password is refused once one has been chosen.
    await expect(
      (await callerFor(after)).user.choosePassword({
        newPassword: "yet another phrase",
        confirmPassword: "yet another phrase",
      }),
    ).rejects.toMatchObject({ message: "Enter your current password" });
  });

  it("refuses an expired one-time password with its own outcome, and an admin can re-issue the invite", async () => {
    const { db, workspace, admin, marketer } = await createWorkspace(PASSWORD);
    const api = await callerFor(admin);
    const { user, temporaryPassword } = await api.user.invite({
      email: "late@example.com",
      name: "Late",
      role: "admin",
    });
    const [stored] = await db
      .select({ expiresAt: schema.users.oneTimePasswordExpiresAt })
      .from(schema.users)
      .where(eq(schema.users.id, user.id));
    expect(stored?.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 71.9 * 3_600_000);
    await db
      .update(schema.users)
      .set({ oneTimePasswordExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.users.id, user.id));
    expect(await signIn(user.email, temporaryPassword)).toEqual({ kind: "one-time-password-expired" });
    // A wrong guess learns nothing about the invite.
    expect(await signIn(user.email, "not-it")).toEqual({ kind: "refused" });

    await expect((await callerFor(marketer)).user.reissueInvite({ id: user.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const reissued = await api.user.reissueInvite({ id: user.id });
    expect((await signIn(user.email, temporaryPassword)).kind).toBe("refused");
    const { sid } = signedIn(await signIn(user.email, reissued.temporaryPassword)).user;
    expect(await validateSession(sid)).toMatchObject({ mustChangePassword: true });
    // Only pending invites: never a new password for someone who chose theirs.
    await expect(api.user.reissueInvite({ id: marketer.userId })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const actions = await db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.workspaceId, workspace.id));
    expect(actions.map((a) => a.action)).toEqual(["user.invite", "user.reissue_invite"]);
  });

  it("throttles guesses of the current password like sign-ins, so a stolen session cannot brute-force it", async () => {
    const { marketer } = await createWorkspace(PASSWORD);
    const api = await callerFor(await validateSession(signedIn(await signIn(marketer.email, PASSWORD)).user.sid));
    const change = { newPassword: "my own new phrase", confirmPassword: "my own new phrase" };
    // A burst, as in the sign-in test above: only the free failures reach bcrypt.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => api.user.changePassword({ currentPassword: `guess-${i}`, ...change })),
    );
    const refusals = outcomes.map((o) => (o.status === "rejected" ? (o.reason as Error) : null));
    expect(refusals.filter((r) => r?.message === "That is not your current password")).toHaveLength(FREE_FAILURES);
    expect(refusals.filter((r) => r?.message === "Too many wrong passwords: try again in 1 s")).toHaveLength(
      10 - FREE_FAILURES,
    );
  });

  it("changes a password with the current one and ends the user's other sessions", async () => {
    const { db, workspace, marketer } = await createWorkspace(PASSWORD);
    const here = signedIn(await signIn(marketer.email, PASSWORD)).user.sid;
    const elsewhere = signedIn(await signIn(marketer.email, PASSWORD)).user.sid;
    const api = await callerFor(await validateSession(here));
    const change = { newPassword: "my own new phrase", confirmPassword: "my own new phrase" };
    await expect(api.user.changePassword({ currentPassword: "wrong", ...change })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "That is not your current password",
    });
    await expect(
      api.user.changePassword({ currentPassword: PASSWORD, newPassword: change.newPassword, confirmPassword: "typo" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await validateSession(elsewhere)).not.toBeNull();
    await api.user.changePassword({ currentPassword: PASSWORD, ...change });
    expect(await validateSession(elsewhere)).toBeNull();
    expect(await validateSession(here)).not.toBeNull();
    expect((await signIn(marketer.email, PASSWORD)).kind).toBe("refused");
    signedIn(await signIn(marketer.email, change.newPassword));
    const [audit] = await db
      .select({ action: schema.auditLog.action, actor: schema.auditLog.actorUserId })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.workspaceId, workspace.id));
    expect(audit).toEqual({ action: "user.change_password", actor: marketer.userId });
    await expect(
      (await callerFor(null)).user.changePassword({ currentPassword: PASSWORD, ...change }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
