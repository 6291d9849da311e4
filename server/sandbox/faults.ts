import { z } from "zod";

// What a test or a demo user can make a fake vendor do to the next matching requests.
export const faultSchema = z.object({
  vendor: z.string().min(1),
  // Only requests whose path starts with this (after /<vendor>) are affected; default all.
  pathPrefix: z.string().default("/"),
  kind: z.enum(["error5xx", "rateLimit", "slow", "drop"]),
  // How many matching requests it applies to.
  times: z.number().int().min(1).max(10_000).default(1),
  status: z.number().int().min(500).max(599).default(503),
  retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
  delayMs: z.number().int().min(0).max(120_000).default(5_000),
});
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

  /** Consumes one use of the first live fault matching the request. */
  take(vendor: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => f.vendor === vendor && path.startsWith(f.pathPrefix) && f.used < f.times);
    if (fault) fault.used += 1;
    return fault;
  }
}
