import { NonRetriableError } from "inngest";
import type { Db } from "@/db/client";
import { VendorError } from "../../vendors/http";
import { findCampaignById } from "../campaign/reads";
import { findInvocation } from "./invocation-queries";
import { clientFor } from "./invocation";
import { MOBILE_NUMBER } from "./record-definition";

/**
 * The profile list the Program's rows come from. The invoke does not name it [assumed]: the
 * account's default list, CONTACTS, as in Oracle's examples (§3.3 of docs/vendors/responsys.md).
 */
export const PROFILE_LIST = "CONTACTS";
/** What the opt-in field holds once the recipient opted out: anything but YES fails the row check [assumed]. */
export const OPTED_OUT_VALUE = "NO";

/**
 * Writes a number's opt-out back to the Responsys profile list it came from: the opt-in field
 * the service's configuration names is set to NO for the member with that MOBILE_NUMBER_,
 * through a list merge signed with the install secret of the invocation the number came in on.
 * A member Responsys does not have, or a refused token, will not change on a retry.
 */
export async function writeBackOptOut(db: Db, invocationId: string, number: string) {
  const invocation = await findInvocation(db, invocationId);
  const campaign = await findCampaignById(db, invocation.campaignId);
  const field = campaign?.optInField;
  if (!field) throw new NonRetriableError("The Responsys service names no opt-in field to write the opt-out to");
  // MOBILE_NUMBER_ holds country code and number as digits, as the invocation rows carry it [assumed].
  const digits = number.replace(/^\+/, "");
  try {
    const [answer = ""] = await clientFor(invocation).mergeMembers(
      invocation.importEndpoint,
      PROFILE_LIST,
      MOBILE_NUMBER,
      {
        fieldNames: [MOBILE_NUMBER, field],
        records: [[digits, OPTED_OUT_VALUE]],
      },
    );
    if (answer.startsWith("MERGEFAILED")) throw new NonRetriableError(`Responsys refused the merge: ${answer}`);
    return { outcome: `${field} set to ${OPTED_OUT_VALUE} on ${PROFILE_LIST} (RIID ${answer})` };
  } catch (error) {
    if (error instanceof VendorError && (error.kind === "auth" || error.kind === "rejected"))
      throw new NonRetriableError(error.message, { cause: error });
    throw error;
  }
}
