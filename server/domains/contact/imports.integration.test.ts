import { existsSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb, schema } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { inngest } from "../../jobs/client";
import { createWorkspace } from "../../testing/fixtures";
import { createCallerFactory, router } from "../../trpc/init";
import { contactRouter } from "../../trpc/routers/contact";
import { importFilePath } from "./import-file";
import { IMPORT_MAX_BYTES } from "./import-schema";
import { uploadImport } from "./upload-import";

const createCaller = createCallerFactory(router({ contact: contactRouter }));
const callerFor = async (user: SessionUser) => createCaller({ db: await getDb(), user });
const upload = async (user: SessionUser, body: string | ReadableStream<Uint8Array>, size: number | null = null) =>
  uploadImport(await getDb(), user, {
    fileName: " people.csv ",
    body: typeof body === "string" ? new Response(body).body : body,
    size,
  });
// No Inngest server in unit tests: inngest.send is spied on, to see what would be sent.
const spySend = () => vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["test"] });
afterEach(() => vi.restoreAllMocks());

const statusOf = async (id: string) =>
  (
    await (
      await getDb()
    )
      .select({ status: schema.contactImports.status, errors: schema.contactImports.errors })
      .from(schema.contactImports)
      .where(eq(schema.contactImports.id, id))
  )[0];

describe("contact import: upload, mapping, start", () => {
  it("stores the upload, previews the first ten rows and suggests a mapping", async () => {
    const { marketer } = await createWorkspace();
    const rows = Array.from({ length: 12 }, (_, i) => `+4479111234${String(i).padStart(2, "0")},p${i}@example.com`);
    const preview = await upload(marketer, ["\ufeffMobile Number,Email Address", ...rows].join("\n"));
    expect(preview).toMatchObject({
      fileName: "people.csv",
      columns: ["Mobile Number", "Email Address"],
      suggestedMapping: { "Mobile Number": "mobileNumber", "Email Address": "email" },
    });
    expect(preview.rows).toHaveLength(10);
    expect(preview.rows[9]).toEqual({ line: 11, fields: ["+447911123409", "p9@example.com"] });
    expect(existsSync(importFilePath(preview.id))).toBe(true);
    const job = await (await callerFor(marketer)).contact.importGet({ id: preview.id });
    expect(job).toMatchObject({ status: "ready", counts: null, errors: [], storedErrors: 0 });
  });

  it("refuses a file over the size limit, an empty one and a header with a nameless or repeated column, and says why", async () => {
    const { marketer } = await createWorkspace();
    await expect(upload(marketer, "Email\n", IMPORT_MAX_BYTES + 1)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "The file is larger than 200 MB: split it into smaller files and import each",
    });
    // A stream that goes past the limit whatever it claimed.
    const big = new ReadableStream<Uint8Array>({
      start(controller) {
        const block = new Uint8Array(8 * 1024 * 1024).fill(0x61);
        for (let i = 0; i < 26; i++) controller.enqueue(block);
        controller.close();
      },
    });
    await expect(upload(marketer, big)).rejects.toMatchObject({
      message: "The file is larger than 200 MB: split it into smaller files and import each",
    });
    await expect(upload(marketer, "")).rejects.toMatchObject({
      message: "The file is empty: the first row must name the columns",
    });
    await expect(upload(marketer, "Email,,City\n")).rejects.toMatchObject({
      message: "Column 2 of the header row has no name: name every column",
    });
    await expect(upload(marketer, "Email,City,email\n")).rejects.toMatchObject({
      message: 'Columns 1 and 3 are both named "email": give each column its own name',
    });
    const imports = await (
      await getDb()
    )
      .select({ id: schema.contactImports.id, status: schema.contactImports.status })
      .from(schema.contactImports)
      .where(eq(schema.contactImports.workspaceId, marketer.workspaceId));
    expect(imports.map((i) => i.status)).toEqual(["failed", "failed", "failed", "failed"]);
    expect(imports.some((i) => existsSync(importFilePath(i.id)))).toBe(false);
  });

  it("starts with a valid mapping, sends the import event once, and refuses a second start", async () => {
    const { db, workspace, admin } = await createWorkspace();
    const preview = await upload(admin, "Phone,Email,Notes\n+447911123456,a@example.com,hi\n");
    const api = await callerFor(admin);
    const send = spySend();
    expect(
      await api.contact.importStart({
        id: preview.id,
        mapping: { Phone: "mobileNumber", Email: "email", Notes: "" },
        mode: "upsert",
      }),
    ).toEqual({ id: preview.id, status: "importing" });
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]?.[0]).toMatchObject({
      name: "switchboard/contacts.import-requested",
      data: { importId: preview.id },
    });
    expect(await api.contact.importGet({ id: preview.id })).toMatchObject({
      status: "importing",
      mode: "upsert",
      mapping: { Phone: "mobileNumber", Email: "email" },
      counts: { processed: 0 },
    });
    await expect(
      api.contact.importStart({ id: preview.id, mapping: { Phone: "mobileNumber" }, mode: "insert" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const [audit] = await db.select().from(schema.auditLog).where(eq(schema.auditLog.workspaceId, workspace.id));
    expect(audit).toMatchObject({ action: "contact.import_start", targetId: preview.id });
  });

  it("refuses a mapping that names no field to match on, maps a field twice, or names a column the file lacks", async () => {
    const { marketer } = await createWorkspace();
    const preview = await upload(marketer, "Phone,Mobile,Name\n+447911123456,,Ann\n");
    const api = await callerFor(marketer);
    const send = spySend();
    const refusal = (mapping: Record<string, string>) =>
      api.contact.importStart({ id: preview.id, mapping, mode: "insert" }).then(
        () => null,
        (e: unknown) => e,
      );
    expect(await refusal({ Name: "firstName" })).toMatchObject({
      code: "BAD_REQUEST",
      cause: { issues: [{ message: "Map a column to Mobile number or Email: every contact needs one of them" }] },
    });
    expect(await refusal({ Phone: "mobileNumber", Mobile: "mobileNumber" })).toMatchObject({
      cause: {
        issues: [
          {
            path: ["mapping", "Mobile"],
            message: 'Mobile number is mapped from more than one column: "Phone", "Mobile"',
          },
        ],
      },
    });
    expect(await refusal({ Phone: "mobileNumber", Name: "nickname" })).toMatchObject({
      cause: { issues: [{ path: ["mapping", "Name"] }] },
    });
    expect(await refusal({ Phone: "mobileNumber", Fax: "firstName" })).toMatchObject({
      code: "BAD_REQUEST",
      message: 'The file has no column "Fax"',
      cause: { field: "Fax" },
    });
    expect(send).not.toHaveBeenCalled();
    expect((await statusOf(preview.id))?.status).toBe("ready");
  });

  it("puts the import back to ready when the event cannot be sent", async () => {
    const { marketer } = await createWorkspace();
    const preview = await upload(marketer, "Email\na@example.com\n");
    vi.spyOn(inngest, "send").mockRejectedValue(new Error("connect ECONNREFUSED"));
    await expect(
      (await callerFor(marketer)).contact.importStart({ id: preview.id, mapping: { Email: "email" }, mode: "insert" }),
    ).rejects.toMatchObject({
      message: "Background jobs are unreachable, so the import did not start: connect ECONNREFUSED",
    });
    expect((await statusOf(preview.id))?.status).toBe("ready");
  });

  it("keeps imports to their workspace", async () => {
    const mine = await createWorkspace();
    const theirs = await createWorkspace();
    const preview = await upload(mine.marketer, "Email\na@example.com\n");
    const api = await callerFor(theirs.marketer);
    await expect(api.contact.importGet({ id: preview.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      api.contact.importStart({ id: preview.id, mapping: { Email: "email" }, mode: "insert" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("New record emits contact activated", () => {
  it("after the commit, with source form; a failed send keeps the contact", async () => {
    const { workspace, marketer } = await createWorkspace();
    const api = await callerFor(marketer);
    const send = spySend();
    const { id } = await api.contact.create({ email: "new@example.com" });
    expect(send.mock.calls[0]?.[0]).toMatchObject({
      name: "switchboard/contact.activated",
      data: { workspaceId: workspace.id, contactId: id, source: "form" },
    });

    send.mockRejectedValue(new Error("connect ECONNREFUSED"));
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const kept = await api.contact.create({ email: "kept@example.com" });
    expect(await api.contact.get({ id: kept.id })).toMatchObject({ email: "kept@example.com" });
    expect(log).toHaveBeenCalledTimes(1);

    // A refused create sends nothing.
    send.mockClear();
    await expect(api.contact.create({ email: "new@example.com" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(send).not.toHaveBeenCalled();
  });
});
