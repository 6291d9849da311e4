import receiveInboundMessage from "./conversations/receive-inbound-message";
import importContacts from "./contacts/import-contacts";
import purgeSessions from "./sessions/purge-sessions";
import syncTemplates from "./templates/sync-templates";

// Everything served at /api/inngest.
export const functions = [importContacts, receiveInboundMessage, purgeSessions, syncTemplates];
