import type { getJobOptions } from "@/server/domains/responsys-jobs/get-job-options";
import type { ResponsysIdentifier } from "@/server/domains/responsys-jobs/schema";
import type { JobKind } from "../labels";

/** What the form offers: authorizations, segments, contact fields and identifiers. */
export type JobOptions = Awaited<ReturnType<typeof getJobOptions>>;

export type JobFormValues = {
  kind: JobKind;
  integrationId: string;
  label: string;
  description: string;
  segmentId: string;
  listName: string;
  idMappings: { field: string; identifier: ResponsysIdentifier; hash: boolean }[];
  matchColumn1: string;
  matchColumn2: string;
  additionalFields: string[];
  fieldsTable: string;
  segmentMemberships: string[];
  onExit: "flag" | "remove";
  exitFlagField: string;
  defaultPermission: "OPTIN" | "OPTOUT";
  backfill: boolean;
  emailField: string;
  campaignName: string;
  folder: string;
  accountIds: string[];
  delimiter: string;
  createContacts: boolean;
};

export const jobFormDefaults: JobFormValues = {
  kind: "export_audience",
  integrationId: "",
  label: "",
  description: "",
  segmentId: "",
  listName: "",
  idMappings: [{ field: "email", identifier: "EMAIL_ADDRESS_", hash: false }],
  matchColumn1: "EMAIL_ADDRESS_",
  matchColumn2: "",
  additionalFields: [],
  fieldsTable: "",
  segmentMemberships: [],
  onExit: "flag",
  exitFlagField: "LYTICS_EXITED",
  defaultPermission: "OPTOUT",
  backfill: false,
  emailField: "email",
  campaignName: "",
  folder: "",
  accountIds: [],
  delimiter: ",",
  createContacts: false,
};

/** The form's values as the create input of the chosen job type (empty optional fields left out). */
export function toInput(v: JobFormValues) {
  const common = { kind: v.kind, integrationId: v.integrationId, label: v.label, description: v.description || null };
  if (v.kind === "export_audience") {
    return {
      ...common,
      segmentId: v.segmentId,
      listName: v.listName,
      idMappings: v.idMappings,
      matchColumn1: v.matchColumn1,
      matchColumn2: v.matchColumn2 || null,
      additionalFields: v.additionalFields,
      fieldsTable: v.fieldsTable || null,
      segmentMemberships: v.segmentMemberships,
      onExit: v.onExit,
      exitFlagField: v.onExit === "flag" ? v.exitFlagField : null,
      defaultPermission: v.defaultPermission,
      backfill: v.backfill,
    };
  }
  if (v.kind === "export_to_campaign") {
    return {
      ...common,
      segmentId: v.segmentId,
      emailField: v.emailField,
      campaignName: v.campaignName,
      additionalFields: v.additionalFields,
      defaultPermission: v.defaultPermission,
      backfill: v.backfill,
    };
  }
  return {
    ...common,
    folder: v.folder || null,
    accountIds: v.accountIds,
    delimiter: v.delimiter,
    createContacts: v.createContacts,
  };
}
