// SOQL and SOSL reads and record inserts: users, contacts by phone, cases, their comments and files.
import type { z } from "zod";
import { VendorError } from "../http";
import type { SalesforceApi } from "./session";
import {
  caseCommentRecord,
  caseRecord,
  contactRecord,
  contentVersionRecord,
  createResponse,
  describeResponse,
  queryPage,
  searchResponse,
  userRecord,
  type SalesforceContact,
  type SalesforceUser,
} from "./wire";

/** A SOQL string literal: backslash and single quote are the characters to escape. */
const soqlString = (value: string) => `'${value.replace(/[\\']/g, "\\$&")}'`;

// SOSL reserved characters, escaped with a backslash inside FIND {...} [doc: SOSL FIND clause].
const soslTerm = (value: string) => value.replace(/[?&|!{}[\]()^~*:\\"'+-]/g, "\\$&");

/** Base64 JSON bodies are limited to 37.5 MB encoded (the request to 50 MB) [doc]. */
export const MAX_BASE64_UPLOAD = 37_500_000;

export function salesforceRecords(apiVersion: string, api: SalesforceApi) {
  const dataPath = `/services/data/v${apiVersion}`;
  const userFields = "Id, Username, Email, IsActive";

  // Follows nextRecordsUrl page by page.
  async function query<T>(soql: string, record: z.ZodType<T>): Promise<T[]> {
    const page = queryPage(record);
    const records: T[] = [];
    let path: string | undefined = `${dataPath}/query?q=${encodeURIComponent(soql)}`;
    while (path) {
      const result: z.infer<typeof page> = await api(path, page);
      records.push(...result.records);
      path = result.done ? undefined : result.nextRecordsUrl;
    }
    return records;
  }

  async function findUserByUsername(username: string): Promise<SalesforceUser | null> {
    const [user] = await query(
      `SELECT ${userFields} FROM User WHERE Username = ${soqlString(username)} LIMIT 1`,
      userRecord,
    );
    return user ?? null;
  }

  /** Emails are not unique in Salesforce (a deactivated twin is common): prefer an active user. */
  async function findUserByEmail(email: string): Promise<SalesforceUser | null> {
    const users = await query(`SELECT ${userFields} FROM User WHERE Email = ${soqlString(email)}`, userRecord);
    return users.find((u) => u.IsActive) ?? users[0] ?? null;
  }

  /** CreatedDate turns createable only with "Set Audit Fields upon Record Creation" granted. */
  async function canSetAuditFields(): Promise<boolean> {
    const { fields } = await api(`${dataPath}/sobjects/CaseComment/describe`, describeResponse);
    return fields.some((f) => f.name === "CreatedDate" && f.createable);
  }

  async function create(sobject: string, fields: Record<string, unknown>): Promise<string> {
    const { id } = await api(`${dataPath}/sobjects/${encodeURIComponent(sobject)}`, createResponse, fields);
    return id;
  }

  async function findContactsByPhone(variants: string[]): Promise<SalesforceContact[]> {
    for (const variant of [...new Set(variants.filter(Boolean))]) {
      const sosl = `FIND {${soslTerm(variant)}} IN PHONE FIELDS RETURNING Contact(Id, Name, Phone, MobilePhone) LIMIT 5`;
      const { searchRecords } = await api(
        `${dataPath}/search?q=${encodeURIComponent(sosl)}`,
        searchResponse(contactRecord),
      );
      if (searchRecords.length > 0) return searchRecords;
    }
    return [];
  }

  async function findCaseBySubject(subject: string) {
    const [found] = await query(
      `SELECT Id, CaseNumber FROM Case WHERE Subject = ${soqlString(subject)} LIMIT 1`,
      caseRecord,
    );
    return found ?? null;
  }

  async function getCaseNumber(caseId: string): Promise<string> {
    const [found] = await query(`SELECT Id, CaseNumber FROM Case WHERE Id = ${soqlString(caseId)} LIMIT 1`, caseRecord);
    if (!found)
      throw new VendorError(
        "salesforce",
        "rejected",
        `Salesforce has no case ${caseId}: it may have been deleted`,
        404,
        "NOT_FOUND",
      );
    return found.CaseNumber;
  }

  function listCaseComments(caseId: string) {
    return query(`SELECT Id, CommentBody FROM CaseComment WHERE ParentId = ${soqlString(caseId)}`, caseCommentRecord);
  }

  function listRecordFiles(recordId: string) {
    return query(
      `SELECT Id, Title, Description, ContentDocumentId FROM ContentVersion WHERE FirstPublishLocationId = ${soqlString(recordId)}`,
      contentVersionRecord,
    );
  }

  // FirstPublishLocationId links the new file to the record in the same call, so no separate
  // ContentDocumentLink insert (and no half-linked file if the second call failed).
  function uploadFile(input: {
    title: string;
    fileName: string;
    base64: string;
    linkedTo: string;
    fields?: Record<string, unknown>;
  }) {
    if (input.base64.length > MAX_BASE64_UPLOAD) {
      throw new VendorError(
        "salesforce",
        "rejected",
        `${input.fileName} is larger than the 37.5 MB (base64) Salesforce accepts in one upload`,
        400,
        "STRING_TOO_LONG",
      );
    }
    return create("ContentVersion", {
      Title: input.title,
      PathOnClient: input.fileName,
      VersionData: input.base64,
      FirstPublishLocationId: input.linkedTo,
      ...input.fields,
    });
  }

  return {
    query,
    findUserByUsername,
    findUserByEmail,
    canSetAuditFields,
    create,
    findContactsByPhone,
    findCaseBySubject,
    getCaseNumber,
    listCaseComments,
    listRecordFiles,
    uploadFile,
  };
}
