// The one barrel in the codebase: drizzle needs every table in one schema object.
export * from "./workspaces";
export * from "./integrations";
export * from "./templates";
export * from "./contacts";
export * from "./segments";
export * from "./campaigns";
export * from "./conversations";
export * from "./audience";
export * from "./webhooks";
export * from "./loyalty";
export * from "./responsys-app";
export * from "./write-backs";
