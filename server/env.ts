import { z } from "zod";

// Empty strings count as unset, so `FOO=` in a shell or .env does not override a default.
const optional = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: optionalUrl,
  PGLITE_DIR: optional,
  DATA_DIR: z.preprocess((v) => (v === "" ? undefined : v), z.string().default(".data")),
  // Auth.js signing secret; generated into DATA_DIR when unset (fine for a laptop, not for a fleet).
  AUTH_SECRET: optional,
  // Vendor-secret keys: "keyId:base64key[,keyId:base64key...]"; the first encrypts, all decrypt.
  SECRETS_KEYS: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^[\w-]+:[A-Za-z0-9+/=]{43,44}(,[\w-]+:[A-Za-z0-9+/=]{43,44})*$/, "expected keyId:base64(32 bytes)[,...]")
      .optional(),
  ),
  // Keys the hashes that keep erased contacts' opt-outs (base64 of 32 bytes). Never rotated:
  // with another key every kept opt-out stops matching its number. Generated into DATA_DIR when unset.
  ERASURE_HASH_KEY: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^[A-Za-z0-9+/=]{43,44}$/, "expected base64 of 32 bytes")
      .optional(),
  ),
  APP_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().default("http://localhost:3000")),
  SANDBOX_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().default("http://127.0.0.1:4010")),
  SANDBOX_PORT: z.coerce.number().int().positive().default(4010),
  SANDBOX_SFTP_PORT: z.coerce.number().int().positive().default(4022),
  // Parallel callback deliveries per vendor and kind (one message's callbacks keep their order).
  SANDBOX_CALLBACK_LANES: z.coerce.number().int().min(1).max(64).default(8),
  // Work left unfinished this long was interrupted (a crash): a message claimed for sending with
  // no outcome (a claim of 50 gets one within two minutes even at 1 message a second) is settled
  // as unknown; a vendor callback recorded but not applied is handed over again. Lower only to
  // watch a crash recover sooner (bench/campaign-faults.ts).
  INTERRUPTED_AFTER_MINUTES: z.coerce.number().int().min(2).default(10),
  // How many reverse proxies in front of the portal append to X-Forwarded-For; the client's
  // address is the entry that many from the end (server/auth/client-address.ts). 0: no proxy.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(60),
  SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  // Both default to true, except under NODE_ENV=production (`next start`), where they default to false.
  SEED_DEMO: z.enum(["true", "false"]).optional(),
  ALLOW_SANDBOX_INTEGRATIONS: z.enum(["true", "false"]).optional(),
  // Origins besides Responsys's own hosts that may frame the CX app's configuration pages,
  // separated by spaces or commas (e.g. a customer's own Responsys domain).
  RESPONSYS_FRAME_ANCESTORS: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(
        /^\s*https:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?(\s*[\s,]\s*https:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?)*\s*$/i,
        "expected https origins such as https://responsys.example.com, separated by spaces or commas",
      )
      .optional(),
  ),
});

export type Env = z.infer<typeof schema>;

function parse(): Env {
  const result = schema.safeParse(process.env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return result.data;
}

export const env = parse();

const onByDefault = (value: "true" | "false" | undefined, e: Env) =>
  (value ?? String(e.NODE_ENV !== "production")) === "true";

/** Whether the first start creates the demo workspace, with its known sign-ins and secrets. */
export const seedDemo = (e: Env = env) => onByDefault(e.SEED_DEMO, e);

/** Whether integrations may run in test mode, calling the vendor sandbox at SANDBOX_URL. */
export const sandboxAllowed = (e: Env = env) => onByDefault(e.ALLOW_SANDBOX_INTEGRATIONS, e);

/**
 * Why this environment must not serve in production: empty when it may. Outside production a
 * laptop needs nothing set (secrets are generated into DATA_DIR); a production server must not
 * sign sessions or encrypt vendor secrets with keys that exist only in one machine's files.
 */
export function productionRefusals(e: Env = env): string[] {
  if (e.NODE_ENV !== "production") return [];
  const refusals: string[] = [];
  if (!e.AUTH_SECRET) refusals.push("AUTH_SECRET is not set: it signs sessions (e.g. `openssl rand -base64 32`).");
  if (!e.SECRETS_KEYS)
    refusals.push(
      "SECRETS_KEYS is not set: it encrypts vendor secrets (`keyId:base64(32 bytes)`, e.g. `k1:$(openssl rand -base64 32)`).",
    );
  if (!e.ERASURE_HASH_KEY)
    refusals.push(
      "ERASURE_HASH_KEY is not set: it keys the hashes that keep erased contacts' opt-outs, and must never change (e.g. `openssl rand -base64 32`).",
    );
  if (seedDemo(e) && !sandboxAllowed(e))
    refusals.push(
      "SEED_DEMO=true needs ALLOW_SANDBOX_INTEGRATIONS=true: the demo workspace's integrations call the vendor sandbox.",
    );
  return refusals;
}
