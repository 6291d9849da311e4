import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { requireActiveInstall, requireSession } from "./lookups";
import { findAppIntegration, findMittoAccount } from "./queries";

/** What the app configuration page shows: the installation and its Mitto account, never its password. */
export async function getAppConfiguration(db: Db, sessionToken: string) {
  const session = requireSession(sessionToken, "app");
  const app = await findAppIntegration(db, session.appIntegrationId);
  if (!app || app.uninstalledAt) throw new DomainError("NOT_FOUND", "This app is no longer available in Switchboard");
  const install = await requireActiveInstall(db, app.id, session.ref);
  const mitto = install.mittoIntegrationId ? await findMittoAccount(db, install.mittoIntegrationId) : null;
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const account = mitto && !mitto.uninstalledAt ? { username: text(mitto.config.username) } : null;
  return {
    installId: install.installId,
    location: install.location,
    configured: install.status === "configured",
    account,
  };
}
