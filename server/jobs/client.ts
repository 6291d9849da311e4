import { Inngest } from "inngest";

// Mode and endpoints come from the SDK's own variables: INNGEST_DEV=1 talks to the dev server
// (INNGEST_BASE_URL overrides where); otherwise cloud/self-hosted mode, which requires
// INNGEST_SIGNING_KEY and refuses unsigned calls to /api/inngest.
export const inngest = new Inngest({ id: "switchboard" });
