import { describe, expect, it } from "vitest";
import { env, productionRefusals, sandboxAllowed, seedDemo, type Env } from "./env";

const production = (overrides: Partial<Env>): Env => ({
  ...env,
  NODE_ENV: "production",
  AUTH_SECRET: undefined,
  SECRETS_KEYS: undefined,
  ERASURE_HASH_KEY: undefined,
  SEED_DEMO: undefined,
  ALLOW_SANDBOX_INTEGRATIONS: undefined,
  ...overrides,
});
const key = `k1:${Buffer.alloc(32, 1).toString("base64")}`;
const erasureKey = Buffer.alloc(32, 2).toString("base64");

describe("production settings", () => {
  it("refuses a production start without AUTH_SECRET, SECRETS_KEYS and ERASURE_HASH_KEY, naming each", () => {
    const refusals = productionRefusals(production({}));
    expect(refusals).toHaveLength(3);
    expect(refusals[0]).toMatch(/^AUTH_SECRET is not set/);
    expect(refusals[1]).toMatch(/^SECRETS_KEYS is not set/);
    expect(refusals[2]).toMatch(/^ERASURE_HASH_KEY is not set/);
  });

  it("starts with both set, and then has no demo workspace and no test mode unless asked", () => {
    const e = production({ AUTH_SECRET: "s".repeat(44), SECRETS_KEYS: key, ERASURE_HASH_KEY: erasureKey });
    expect(productionRefusals(e)).toEqual([]);
    expect(seedDemo(e)).toBe(false);
    expect(sandboxAllowed(e)).toBe(false);
  });

  it("takes the demo workspace in production only together with test mode, which it needs", () => {
    const secrets = { AUTH_SECRET: "s".repeat(44), SECRETS_KEYS: key, ERASURE_HASH_KEY: erasureKey };
    expect(productionRefusals(production({ ...secrets, SEED_DEMO: "true" }))).toEqual([
      "SEED_DEMO=true needs ALLOW_SANDBOX_INTEGRATIONS=true: the demo workspace's integrations call the vendor sandbox.",
    ]);
    const asked = production({ ...secrets, SEED_DEMO: "true", ALLOW_SANDBOX_INTEGRATIONS: "true" });
    expect(productionRefusals(asked)).toEqual([]);
    expect(seedDemo(asked)).toBe(true);
  });

  it("asks nothing of a laptop: outside production both default on and secrets are generated", () => {
    const laptop: Env = { ...production({}), NODE_ENV: "development" };
    expect(productionRefusals(laptop)).toEqual([]);
    expect(seedDemo(laptop)).toBe(true);
    expect(sandboxAllowed(laptop)).toBe(true);
  });
});
