import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { campaigns } from "./campaigns";
import { integrations } from "./integrations";
import { workspaces } from "./workspaces";

// Switchboard as an Oracle Responsys CX app (§4 of docs/vendors/responsys.md). The app is a
// `responsys_app` integration (its AMS token key and secret); Responsys installs it, creates
// service instances in Program "Apps" steps, and invokes them with rows to message.

export const responsysInstallStatusEnum = pgEnum("responsys_install_status", [
  "installed",
  "configured",
  "uninstalled",
]);

export const responsysAppInstalls = pgTable(
  "responsys_app_installs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    appIntegrationId: uuid("app_integration_id")
      .notNull()
      .references(() => integrations.id),
    installId: text("install_id").notNull(),
    tenantId: text("tenant_id"),
    location: text("location"),
    status: responsysInstallStatusEnum("status").notNull().default("installed"),
    // The Mitto account entered on the app configuration page, stored as an integration.
    mittoIntegrationId: uuid("mitto_integration_id").references(() => integrations.id),
    installedAt: timestamp("installed_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("responsys_app_installs_key").on(t.appIntegrationId, t.installId)],
);

export const responsysServiceStatusEnum = pgEnum("responsys_service_status", ["created", "configured", "deleted"]);

export type RecordParameter = {
  name: string;
  dataType: string;
  width: number | null;
  unique: boolean;
  required: boolean;
  readOnly: boolean;
  minimumValue: null;
  maximumValue: null;
  possibleValues: null;
  format: null;
  resources: null;
};
export type RecordDefinition = { inputParameters: RecordParameter[]; outputParameters: RecordParameter[] };

// One service instance = one Program "Apps" step; its configuration is a campaign with the
// responsys_app trigger, so invocations go through the campaigns pipeline.
export const responsysAppServices = pgTable(
  "responsys_app_services",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    appIntegrationId: uuid("app_integration_id")
      .notNull()
      .references(() => integrations.id),
    instanceUuid: text("instance_uuid").notNull(),
    installId: text("install_id"),
    programName: text("program_name"),
    // Profile list field names offered in the configuration dropdowns.
    listFields: text("list_fields").array().notNull().default([]),
    campaignId: uuid("campaign_id").references(() => campaigns.id),
    recordDefinition: jsonb("record_definition").$type<RecordDefinition>(),
    status: responsysServiceStatusEnum("status").notNull().default("created"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("responsys_app_services_key").on(t.appIntegrationId, t.instanceUuid)],
);

export const responsysInvocationStatusEnum = pgEnum("responsys_invocation_status", [
  "received",
  "queued",
  "reporting",
  "completed",
  "failed",
]);

export type ProductEndpoint = { url: string; method: string };

export const responsysAppInvocations = pgTable(
  "responsys_app_invocations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => responsysAppServices.id),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    // Responsys's invoke uuid: a repeated invoke is recognised by it.
    uuid: text("uuid").notNull(),
    // instanceContext, without the secret (kept encrypted below).
    appId: text("app_id").notNull(),
    installId: text("install_id").notNull(),
    instanceId: text("instance_id").notNull(),
    tenantId: text("tenant_id").notNull(),
    // AES-256-GCM envelope of the install secret that signs our calls back to Responsys.
    secret: text("secret").notNull(),
    outputParameters: jsonb("output_parameters").$type<{ name: string }[]>().notNull(),
    // Names of the row columns in order (the invoke's inputParameters): rows are positional.
    inputParameters: text("input_parameters").array().notNull().default([]),
    dataSetId: text("data_set_id").notNull(),
    size: integer("size").notNull(),
    // Rows sent inline with the invoke; null when they are pulled from the export endpoint.
    inlineRows: jsonb("inline_rows").$type<string[][]>(),
    exportEndpoint: jsonb("export_endpoint").$type<ProductEndpoint>(),
    importEndpoint: jsonb("import_endpoint").$type<ProductEndpoint>().notNull(),
    completionEndpoint: jsonb("completion_endpoint").$type<ProductEndpoint>(),
    maxPullPageSize: integer("max_pull_page_size").notNull(),
    maxPushBatchSize: integer("max_push_batch_size").notNull(),
    status: responsysInvocationStatusEnum("status").notNull().default("received"),
    rowsPushed: integer("rows_pushed").notNull().default(0),
    lastError: text("last_error"),
    // 1 for the invoke, +1 for each retry an admin asked for (the events carry it, so a retry
    // is not taken for a repeat of the failed run).
    attempt: integer("attempt").notNull().default(1),
    receivedAt: timestamp("received_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    queuedAt: timestamp("queued_at", { withTimezone: true, precision: 3 }),
    completedAt: timestamp("completed_at", { withTimezone: true, precision: 3 }),
    failedAt: timestamp("failed_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex("responsys_app_invocations_key").on(t.serviceId, t.uuid),
    index("responsys_app_invocations_open_idx").on(t.status, t.receivedAt),
    // The invocations page: a workspace's newest first, optionally by status.
    index("responsys_app_invocations_workspace_idx").on(t.workspaceId, t.receivedAt, t.id),
  ],
);
