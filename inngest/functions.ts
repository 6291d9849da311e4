import purgeSessions from "./sessions/purge-sessions";

// Everything served at /api/inngest.
export const functions = [purgeSessions];
