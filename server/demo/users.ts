// The demo sign-ins: seeded with the workspace and printed at startup.
export const DEMO_USERS = {
  admin: { email: "admin@demo.switchboard.test", password: "switchboard-admin", name: "Ada Admin" },
  marketer: { email: "marketer@demo.switchboard.test", password: "switchboard-marketer", name: "Mark Marketer" },
} as const;
