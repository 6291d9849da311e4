import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { findCampaignById } from "../campaign/reads";
import { requireLiveService, requireSession } from "./lookups";
import { findAppIntegration, findInstall, findMittoAccount, findServiceChoices } from "./queries";
import { seedListFields } from "./schema";

/**
 * Everything the service configuration page and its Save work from, authorised by the page's
 * session: the service, the Mitto account of its installation with its senders and approved
 * templates, the profile list's fields, and the campaign saved so far.
 */
export async function loadServiceContext(db: Db, sessionToken: string) {
  const session = requireSession(sessionToken, "service");
  const app = await findAppIntegration(db, session.appIntegrationId);
  if (!app || app.uninstalledAt) throw new DomainError("NOT_FOUND", "This app is no longer available in Switchboard");
  const service = await requireLiveService(db, app.id, session.ref);
  const install = service.installId ? await findInstall(db, app.id, service.installId) : null;
  const mitto =
    install?.mittoIntegrationId && install.status !== "uninstalled"
      ? await findMittoAccount(db, install.mittoIntegrationId)
      : null;
  if (!mitto || mitto.uninstalledAt) {
    throw new DomainError(
      "CONFLICT",
      "The app has no Mitto account for this installation yet. Configure the app in Responsys (App Management → Reconfigure) first.",
    );
  }
  const [choices, campaign] = await Promise.all([
    findServiceChoices(db, mitto.id),
    service.campaignId ? findCampaignById(db, service.campaignId) : null,
  ]);
  return {
    app,
    service,
    mitto,
    ...choices,
    listFields: service.listFields.length > 0 ? service.listFields : seedListFields,
    campaign,
  };
}
