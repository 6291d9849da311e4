import { eventType } from "inngest";
import { z } from "zod";

// The typed event catalog: every event the product emits, with its payload schema.

export const sessionsPurgeRequested = eventType("switchboard/sessions.purge-requested", {
  schema: z.object({ requestedBy: z.uuid().nullable() }),
});

export const templatesSyncRequested = eventType("switchboard/templates.sync-requested", {
  schema: z.object({ integrationId: z.uuid() }),
});
