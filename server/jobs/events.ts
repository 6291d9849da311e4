import { eventType } from "inngest";
import { z } from "zod";

// The typed event catalog: every event the product emits, with its payload schema.

export const sessionsPurgeRequested = eventType("switchboard/sessions.purge-requested", {
  schema: z.object({ requestedBy: z.uuid().nullable() }),
});

export const templatesSyncRequested = eventType("switchboard/templates.sync-requested", {
  schema: z.object({ integrationId: z.uuid() }),
});

/** A contact came into the workspace (New record or import): triggered campaigns listen to it. */
export const contactActivated = eventType("switchboard/contact.activated", {
  schema: z.object({ workspaceId: z.uuid(), contactId: z.uuid(), source: z.enum(["form", "import"]) }),
});

export const contactImportRequested = eventType("switchboard/contacts.import-requested", {
  schema: z.object({ importId: z.uuid() }),
});

const inboundMessage = z.object({
  vendorMessageId: z.string(),
  from: z.string(),
  to: z.string().nullable(),
  text: z.string().nullable(),
  attachments: z.array(z.object({ url: z.string(), mimeType: z.string().optional(), fileName: z.string().optional() })),
  receivedAt: z.string(),
});

/** A vendor's inbound webhook delivered a customer's message (recorded once in webhook_receipts). */
export const inboundMessageReceived = eventType("switchboard/inbound.received", {
  schema: z.object({ receiptId: z.uuid(), integrationId: z.uuid(), message: inboundMessage }),
});

/** One step of an outbound message, as a vendor's status webhook reported it (recorded once in webhook_receipts). */
const statusReport = z.object({
  receiptId: z.uuid(),
  integrationId: z.uuid(),
  update: z.object({
    vendorMessageId: z.string(),
    status: z.enum(["sent", "delivered", "read", "failed"]),
    vendorStatus: z.string(),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    occurredAt: z.string(),
  }),
});
export type StatusReport = z.output<typeof statusReport>;

/**
 * Status reports received together, in one event: they are most of what vendors send (three
 * per message), and the engine's work per event, not per report, is what a busy campaign
 * otherwise waits on.
 */
export const messageStatusesReceived = eventType("switchboard/message.statuses-received", {
  schema: z.object({ reports: z.array(statusReport).min(1) }),
});

/**
 * Send one occurrence of a campaign (a scheduled local time, "now", a contact's activation). A
 * scheduled occurrence goes out in waves as it reaches each time zone: a wave queues only the
 * contacts whose time_zone is listed (`unzoned`: those with none), and its last one completes
 * the occurrence.
 */
export const campaignSendRequested = eventType("switchboard/campaign.send-requested", {
  schema: z.object({
    campaignId: z.uuid(),
    occurrence: z.string().min(1),
    contactId: z.uuid().nullable(),
    wave: z
      .object({ at: z.iso.datetime(), timeZones: z.array(z.string()), unzoned: z.boolean(), last: z.boolean() })
      .optional(),
  }),
});

/** A dialer list was queued as one occurrence of its campaign; its messages await delivery. */
export const dialerListUploaded = eventType("switchboard/campaign.dialer-list-uploaded", {
  schema: z.object({ campaignId: z.uuid(), occurrence: z.string().min(1) }),
});

/**
 * A chunk of queued messages of a campaign, ready for its integration's vendor. `paceKey` names
 * what its sends share a pace with (the sender, else the integration).
 */
export const campaignMessagesQueued = eventType("switchboard/campaign.messages-queued", {
  schema: z.object({
    campaignId: z.uuid(),
    integrationId: z.uuid(),
    paceKey: z.string().min(1),
    messageIds: z.array(z.uuid()).min(1).max(500),
  }),
});

export const campaignResumed = eventType("switchboard/campaign.resumed", {
  schema: z.object({ campaignId: z.uuid() }),
});
export const campaignCancelled = eventType("switchboard/campaign.cancelled", {
  schema: z.object({ campaignId: z.uuid() }),
});

/** An agent (in the portal or an external desk) closed a conversation: its Salesforce case is due. */
export const conversationClosed = eventType("switchboard/conversation.closed", {
  schema: z.object({ conversationId: z.uuid() }),
});

/** Someone asked to run a failed (or stuck) case sync again. */
export const caseSyncRetryRequested = eventType("switchboard/case-sync.retry-requested", {
  schema: z.object({ conversationId: z.uuid(), requestedBy: z.uuid().nullable() }),
});

/** Diff an audience export job's segment against its snapshot and queue who entered or left. */
export const audienceReconcileRequested = eventType("switchboard/responsys-jobs.reconcile-requested", {
  schema: z.object({ jobId: z.uuid() }),
});

/** Send an audience export job's queue in batches of 200; a partial batch only once its oldest entry is due. */
export const audienceFlushRequested = eventType("switchboard/responsys-jobs.flush-requested", {
  schema: z.object({ jobId: z.uuid() }),
});

/** Read new activity files of a Responsys activity import job. */
export const activityImportRequested = eventType("switchboard/responsys-jobs.activity-import-requested", {
  schema: z.object({ jobId: z.uuid() }),
});

/** Responsys invoked a CX app service: its rows are to be checked and queued as messages. */
// `attempt` is the invocation's (1, then +1 per retry an admin asks for): the functions'
// idempotency keys include it, so a retry within Inngest's 24-hour window runs again.
export const responsysInvocationReceived = eventType("switchboard/responsys-app.invocation-received", {
  schema: z.object({ invocationId: z.uuid(), attempt: z.number().int().min(1) }),
});

/** Every row of a Responsys invocation is a message now: results are pushed back as they become final. */
export const responsysInvocationQueued = eventType("switchboard/responsys-app.invocation-queued", {
  schema: z.object({ invocationId: z.uuid(), attempt: z.number().int().min(1) }),
});

/** A vendor reported a subscriber's opt-in or opt-out (Attentive's subscription events). */
export const vendorConsentReceived = eventType("switchboard/consent.vendor-reported", {
  schema: z.object({
    receiptId: z.uuid(),
    workspaceId: z.uuid(),
    integrationId: z.uuid(),
    change: z.object({
      channel: z.enum(["sms", "email"]),
      state: z.enum(["opt_in", "opt_out"]),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      vendorEvent: z.string(),
      occurredAt: z.string(),
    }),
  }),
});

/** Run the loyalty SMS program of a workspace: pull new Annex Cloud actions, text them. */
export const loyaltySmsRunRequested = eventType("switchboard/loyalty.run-requested", {
  schema: z.object({ workspaceId: z.uuid() }),
});

/**
 * A contact's SMS consent changed in a workspace with a loyalty program: its Attentive subscription
 * follows. Sent from inside the consent transaction, so the consent event may not be visible yet.
 */
/**
 * A number's SMS consent changed: its Attentive subscription follows. `address` is the number,
 * `contactId` the contact it was recorded through (null for a number that is nobody's contact),
 * `writeBackId` the consent_write_backs row each attempt updates.
 */
export const attentiveSubscriptionSyncRequested = eventType("switchboard/loyalty.subscription-sync-requested", {
  schema: z.object({
    workspaceId: z.uuid(),
    contactId: z.uuid().nullable(),
    address: z.string().min(1),
    consentEventId: z.uuid(),
    writeBackId: z.uuid(),
  }),
});

/** An opt-out is to be written back to the Responsys profile list the number came from (consent_write_backs row). */
export const responsysOptOutWriteBackRequested = eventType("switchboard/consent.responsys-write-back-requested", {
  schema: z.object({ workspaceId: z.uuid(), writeBackId: z.uuid() }),
});
