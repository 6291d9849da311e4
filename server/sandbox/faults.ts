import { createHash } from "node:crypto";
import { z } from "zod";

// Request kinds act on a request before the fake sees it (server.ts); callback kinds act on
// the callbacks a fake sends (callbacks.ts). Each side takes only its own kinds.
export const REQUEST_FAULT_KINDS = ["error5xx", "error4xx", "rateLimit", "slow", "drop"] as const;
export const CALLBACK_FAULT_KINDS = ["duplicateCallback", "reorderCallbacks", "delayCallback"] as const;

// What a test or a demo user can make a fake vendor do to the next matching requests or callbacks.
export const faultSchema = z
  .object({
    vendor: z.string().min(1),
    // Only requests whose path starts with this (after /<vendor>) are affected; default all.
    // Callback kinds match it against "/<callback kind>", e.g. "/dlr".
    pathPrefix: z.string().default("/"),
    kind: z.enum([...REQUEST_FAULT_KINDS, ...CALLBACK_FAULT_KINDS]),
    // How many matching requests or callbacks it applies to.
    times: z.number().int().min(1).max(1_000_000).default(1),
    // The chance that it applies to each matching request or callback (a draw that misses uses
    // none of its times): 0.3 makes about 30 % of them fail, spread through a run.
    probability: z.number().gt(0).max(1).default(1),
    // error5xx answers 500–599 (503 by default), error4xx 400–499 (400 by default): a refusal
    // that a retry does not change.
    status: z.number().int().min(400).max(599).optional(),
    retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
    // slow: how long the answer is held; delayCallback: how much later each callback it takes is
    // sent (after those emitted behind it, so they arrive out of order).
    delayMs: z.number().int().min(0).max(120_000).default(5_000),
  })
  .refine((f) => f.status === undefined || (f.kind === "error4xx") === f.status < 500, {
    path: ["status"],
    message: "error4xx answers 400–499, error5xx 500–599",
  })
  .transform((f) => ({ ...f, status: f.status ?? (f.kind === "error4xx" ? 400 : 503) }));
export type FaultKind = z.infer<typeof faultSchema>["kind"];
export type Fault = z.infer<typeof faultSchema> & { id: number; used: number };

/** The same request again: same vendor, URL and body (a retried send is byte for byte the same). */
export const requestKey = (vendor: string, url: string, body: string) =>
  createHash("sha1").update(`${vendor} ${url} ${body}`).digest("hex");

export class FaultStore {
  private faults: Fault[] = [];
  private nextId = 1;
  /** When each request answered 429 may be made again, from its Retry-After. */
  private readonly notBefore = new Map<string, number>();
  /** Requests that came back before their Retry-After had passed: a client ignoring it. */
  earlyRetries = 0;

  add(input: z.input<typeof faultSchema>): Fault {
    const fault = { ...faultSchema.parse(input), id: this.nextId++, used: 0 };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.filter((f) => f.used < f.times);
  }

  clear(vendor?: string): void {
    this.faults = vendor ? this.faults.filter((f) => f.vendor !== vendor) : [];
  }

  /**
   * Consumes one use of the first live fault of one of these kinds matching the vendor and
   * path whose probability draw hits.
   */
  take(vendor: string, path: string, kinds: readonly FaultKind[]): Fault | undefined {
    const fault = this.faults.find(
      (f) =>
        f.vendor === vendor &&
        kinds.includes(f.kind) &&
        path.startsWith(f.pathPrefix) &&
        f.used < f.times &&
        (f.probability === 1 || Math.random() < f.probability),
    );
    if (fault) fault.used += 1;
    return fault;
  }

  /** Notes a request answered 429 with this Retry-After, to catch it coming back too soon. */
  rateLimited(key: string, retryAfterSeconds: number): void {
    this.notBefore.set(key, Date.now() + retryAfterSeconds * 1000);
  }

  /** Counts the request as an early retry when it is back before its Retry-After has passed. */
  arrived(key: string): void {
    const notBefore = this.notBefore.get(key);
    if (notBefore === undefined) return;
    this.notBefore.delete(key);
    if (Date.now() < notBefore) this.earlyRetries += 1;
  }
}
