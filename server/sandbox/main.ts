import { env } from "../env";
import { annexFake } from "./annex";
import { attentiveFake } from "./attentive";
import { mittoFake } from "./mitto";
import { responsysFake, startResponsysSftp } from "./responsys";
import { responsysAmsFake } from "./responsys-ams";
import { salesforceFake } from "./salesforce";
import { startSandbox } from "./server";
import { wavyFake } from "./wavy";

// The vendor sandbox (test mode): one process hosting every fake vendor API, plus the
// Responsys SFTP server on its own port.
const sandbox = await startSandbox({
  port: env.SANDBOX_PORT,
  callbackLanes: env.SANDBOX_CALLBACK_LANES,
  vendors: [
    mittoFake(),
    wavyFake(),
    attentiveFake(),
    salesforceFake(),
    responsysFake(),
    annexFake(),
    responsysAmsFake(),
  ],
});
const sftp = await startResponsysSftp({ port: env.SANDBOX_SFTP_PORT });
console.log(`sandbox listening on ${sandbox.url}; Responsys SFTP on ${sftp.host}:${sftp.port}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void Promise.all([sandbox.close(), sftp.close()]).then(() => process.exit(0)));
}
