import type { RecordDefinition, RecordParameter } from "@/db/schema/responsys-app";

// The columns Responsys sends (input) and expects back (output) for a service, as its
// save-configuration answer declares them (§4 of docs/vendors/responsys.md, issue 6 contract).
export const CORRELATION_ID = "appcloud_row_correlation_id";
export const ROW_STATUS = "appcloud_row_status";
export const ROW_ERROR = "appcloud_row_errormessage";
export const MOBILE_NUMBER = "MOBILE_NUMBER_";
// The recipient's id on the profile list, a system column every list has: asked for (not
// required) so the contact of a row keeps it, and later activity rows carrying only an RIID
// attach to it. That a CX app's record definition may name it is [assumed].
export const RIID = "RIID_";

const widths: Record<string, number> = { [CORRELATION_ID]: 40, [ROW_ERROR]: 5120 };

function parameter(name: string, required: boolean): RecordParameter {
  return {
    name,
    dataType: "Text",
    width: widths[name] ?? 255,
    unique: false,
    required,
    readOnly: false,
    minimumValue: null,
    maximumValue: null,
    possibleValues: null,
    format: null,
    resources: null,
  };
}

/**
 * Inputs: correlation id, mobile number, RIID, the opt-in field, then the placeholder fields in
 * order, each field once. Outputs: correlation id, row status, error message, then the
 * last-message-status field when one is chosen. Only the row's identity is required of
 * Responsys: an empty opt-in or placeholder value is reported back as that row's failure.
 */
export function buildRecordDefinition(config: {
  optInField: string;
  placeholderFields: string[];
  statusField: string | null;
}): RecordDefinition {
  const inputs = [...new Set([CORRELATION_ID, MOBILE_NUMBER, RIID, config.optInField, ...config.placeholderFields])];
  const outputs = [CORRELATION_ID, ROW_STATUS, ROW_ERROR, ...(config.statusField ? [config.statusField] : [])];
  return {
    inputParameters: inputs.map((name) => parameter(name, name === CORRELATION_ID || name === MOBILE_NUMBER)),
    outputParameters: outputs.map((name) => parameter(name, name === CORRELATION_ID || name === ROW_STATUS)),
  };
}
