import applyMessageStatus from "./campaigns/apply-message-status";
import deliverMessages from "./campaigns/deliver-messages";
import runScheduledCampaigns from "./campaigns/run-scheduled-campaigns";
import sendCampaign from "./campaigns/send-campaign";
import handOverQueued from "./campaigns/hand-over-queued";
import lookUpOverdueReports from "./campaigns/look-up-overdue-reports";
import sendOnActivation from "./campaigns/send-on-activation";
import settleInterruptedSends from "./campaigns/settle-interrupted-sends";
import writeBackStatuses from "./campaigns/write-back-statuses";
import syncCase from "./case-sync/sync-case";
import receiveInboundMessage from "./conversations/receive-inbound-message";
import importContacts from "./contacts/import-contacts";
import recordVendorConsent from "./contacts/record-vendor-consent";
import writeBackToResponsys from "./contacts/write-back-to-responsys";
import scheduleLoyaltySms from "./loyalty/schedule-loyalty-sms";
import sendLoyaltySms from "./loyalty/send-loyalty-sms";
import syncAttentiveSubscription from "./loyalty/sync-attentive-subscription";
import reportInvocation from "./responsys-app/report-invocation";
import runInvocation from "./responsys-app/run-invocation";
import flushAudience from "./responsys-jobs/flush-audience";
import importActivity from "./responsys-jobs/import-activity";
import reconcileAudience from "./responsys-jobs/reconcile-audience";
import scheduleActivityImports from "./responsys-jobs/schedule-activity-imports";
import scheduleExportJobs from "./responsys-jobs/schedule-export-jobs";
import purgeSessions from "./sessions/purge-sessions";
import syncTemplates from "./templates/sync-templates";
import redeliverReceipts from "./webhooks/redeliver-receipts";

// Everything served at /api/inngest.
export const functions = [
  scheduleExportJobs,
  reconcileAudience,
  flushAudience,
  scheduleActivityImports,
  importActivity,
  applyMessageStatus,
  deliverMessages,
  runScheduledCampaigns,
  sendCampaign,
  handOverQueued,
  lookUpOverdueReports,
  sendOnActivation,
  settleInterruptedSends,
  writeBackStatuses,
  importContacts,
  recordVendorConsent,
  writeBackToResponsys,
  scheduleLoyaltySms,
  sendLoyaltySms,
  syncAttentiveSubscription,
  receiveInboundMessage,
  runInvocation,
  reportInvocation,
  purgeSessions,
  syncTemplates,
  syncCase,
  redeliverReceipts,
];
