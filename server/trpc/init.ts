import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { getDb, type Db } from "@/db/client";
import { getSessionUser } from "../auth/config";
import type { SessionUser } from "../auth/sessions";
import { DomainError } from "../lib/errors";

export type Context = { db: Db; user: SessionUser | null };

export async function createContext(): Promise<Context> {
  return { db: await getDb(), user: await getSessionUser() };
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error, path }) {
    const cause = error.cause;
    // An unexpected failure: the client gets a reference, the server log the details. Messages
    // of deliberate errors (DomainError, TRPCError codes other than this) are written for users.
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    const reference = internal ? crypto.randomUUID() : undefined;
    if (internal) console.error(`tRPC ${path ?? "request"} failed (reference ${reference}):`, cause ?? error);
    return {
      ...shape,
      message: internal ? `Something went wrong on our side. Reference: ${reference}` : shape.message,
      data: {
        ...shape.data,
        stack: internal ? undefined : shape.data.stack,
        // Which field was wrong, so forms can put the message next to it.
        fieldErrors: cause instanceof ZodError ? z.flattenError(cause).fieldErrors : undefined,
        field: cause instanceof DomainError ? cause.field : undefined,
      },
    };
  },
});

// Use cases throw DomainError; the edge turns it into the matching tRPC error.
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;
export const publicProcedure = t.procedure.use(domainErrors);

/** Signed in, even with an invite's one-time password still to replace: only for choosing one. */
export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const protectedProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.user.mustChangePassword)
    throw new TRPCError({ code: "FORBIDDEN", message: "Choose your own password before doing anything else" });
  return next({ ctx });
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "Only admins can do this" });
  return next({ ctx });
});
