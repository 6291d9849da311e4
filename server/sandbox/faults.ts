import { z } from "zod";

// Request kinds act on a request before the fake sees it (server.ts); callback kinds act on
// the callbacks a fake sends (callbacks.ts). Each side takes only its own kinds.
export const REQUEST_FAULT_KINDS = ["error5xx", "rateLimit", "slow", "drop"] as const;
export const CALLBACK_FAULT_KINDS = ["duplicateCallback", "reorderCallbacks"] as const;

// What a test or a demo user can make a fake vendor do to the next matching requests or callbacks.
export const faultSchema = z.object({
  vendor: z.string().min(1),
  // Only requests whose path starts with this (after /<vendor>) are affected; default all.
  // Callback kinds match it against "/<callback kind>", e.g. "/dlr".
  pathPrefix: z.string().default("/"),
  kind: z.enum([...REQUEST_FAULT_KINDS, ...CALLBACK_FAULT_KINDS]),
  // How many matching requests or callbacks it applies to.
  times: z.number().int().min(1).max(10_000).default(1),
  status: z.number().int().min(500).max(599).default(503),
  retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
  delayMs: z.number().int().min(0).max(120_000).default(5_000),
});
export type FaultKind = z.infer<typeof faultSchema>["kind"];
export type Fault = z.infer<typeof faultSchema> & { id: number; used: number };

export class FaultStore {
  private faults: Fault[] = [];
  private nextId = 1;

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

  /** Consumes one use of the first live fault of one of these kinds matching the vendor and path. */
  take(vendor: string, path: string, kinds: readonly FaultKind[]): Fault | undefined {
    const fault = this.faults.find((f) => f.vendor === vendor && kinds.includes(f.kind) && path.startsWith(f.pathPrefix) && f.used < f.times);
    if (fault) fault.used += 1;
    return fault;
  }
}
