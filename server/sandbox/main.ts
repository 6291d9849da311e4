import { env } from "../env";
import { startSandbox } from "./server";

// The vendor sandbox (test mode): one process hosting every fake vendor API.
// Vendor fakes register here as they are built; see README "Sandbox".
const sandbox = await startSandbox({ port: env.SANDBOX_PORT, vendors: [] });
console.log(`sandbox listening on ${sandbox.url}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void sandbox.close().then(() => process.exit(0)));
}
