import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "@/db/client";
import { exportUnmatchedRows } from "@/server/domains/responsys-jobs/export-unmatched-rows";
import { activityImportRequested } from "@/server/jobs/events";
import { startResponsysSftp, type ResponsysSftp } from "@/server/sandbox/responsys";
import { callerFor, connectResponsysSftpSandbox, createWorkspace } from "@/server/testing/fixtures";
import { captureEvents, runFunction } from "@/server/testing/inngest";
import importActivity from "./import-activity";

// Activity rows find their contact by RIID, then email, then mobile number, from delimited text,
// JSON lines and JSON arrays alike; rows matched by email teach the contact its RIID; rows of
// unknown users become contacts (never opted in) only when the job says so; each file counts how
// its rows attached and offers its unmatched rows for download.

let sftp: ResponsysSftp;
beforeAll(async () => {
  sftp = await startResponsysSftp({ port: 0 });
  sftp.putFile(
    "/ids/6607_OPEN_20261122_060000.txt",
    [
      "EVENT_TYPE_ID,RIID,EMAIL_ADDRESS,MOBILE_NUMBER,EVENT_CAPTURED_DT",
      // Rita by her RIID alone, Eve by her email (her RIID is new to us), nobody knows new@.
      "4,5000001,,,22-NOV-2026 06:00:00",
      "4,5000002,eve@example.com,,22-NOV-2026 06:01:00",
      "4,5000003,new@example.com,,22-NOV-2026 06:02:00",
    ].join("\n"),
  );
  sftp.putFile(
    "/ids/6607_SMS_DELIVERED_20261122_060000.jsonl",
    [
      JSON.stringify({ mobile_number: "4917600000001", event_captured_dt: "22-NOV-2026 07:00:00" }),
      JSON.stringify({ RIID: 9999, EVENT_CAPTURED_DT: "22-NOV-2026 07:01:00" }),
      "not json",
      "",
    ].join("\n"),
  );
  sftp.putFile(
    "/ids/6607_CLICK_20261122_060000.json",
    JSON.stringify([
      { RIID: "5000001", EVENT_CAPTURED_DT: "2026-11-22T08:00:00Z", OFFER_NAME: "Shoes" },
      { EMAIL_ADDRESS: "new@example.com", EVENT_CAPTURED_DT: "22-NOV-2026 08:05:00" },
    ]),
  );
});
afterAll(() => sftp.close());

type File = {
  name: string;
  attachedByRiid: number;
  attachedByEmail: number;
  attachedByMobile: number;
  created: number;
  unmatched: number;
  errors: { line: number; reason: string }[];
};

async function setUp() {
  captureEvents();
  const { db, workspace, admin } = await createWorkspace();
  const api = await callerFor(admin);
  const integrationId = await connectResponsysSftpSandbox(admin, sftp);
  const contacts = await db
    .insert(schema.contacts)
    .values([
      { workspaceId: workspace.id, email: "rita@example.com", responsysRiid: "5000001" },
      { workspaceId: workspace.id, email: "eve@example.com" },
      { workspaceId: workspace.id, mobileNumber: "+4917600000001" },
    ])
    .returning({ id: schema.contacts.id });
  const run = async (createContacts: boolean) => {
    const { id } = await api.responsysJobs.create({
      kind: "import_activity",
      integrationId,
      label: "Activity",
      folder: "/ids",
      accountIds: ["6607"],
      createContacts,
    });
    const { result } = await runFunction(importActivity, { name: activityImportRequested.name, data: { jobId: id } }, [
      "send-imports",
    ]);
    const files = (result as { files: File[] }).files;
    return { id, file: (prefix: string) => files.find((f) => f.name.startsWith(prefix)) };
  };
  const contact = async (email: string) => {
    const [row] = await db
      .select()
      .from(schema.contacts)
      .where(and(eq(schema.contacts.workspaceId, workspace.id), eq(schema.contacts.email, email)));
    return row;
  };
  return { db, workspace, admin, api, run, contact, ids: contacts.map((c) => c.id) };
}

const counts = (byRiid: number, byEmail: number, byMobile: number, created: number, unmatched: number) => ({
  attachedByRiid: byRiid,
  attachedByEmail: byEmail,
  attachedByMobile: byMobile,
  created,
  unmatched,
});

describe("activity identities", () => {
  it("attaches rows by RIID, email or mobile from text and JSON files, and lists the unmatched ones", async () => {
    const { db, admin, api, run, contact, ids } = await setUp();
    const { id, file } = await run(false);

    expect(file("6607_OPEN")).toMatchObject({ ...counts(1, 1, 0, 0, 1), errors: [] });
    expect(file("6607_SMS_DELIVERED")).toMatchObject({
      ...counts(0, 0, 1, 0, 1),
      errors: [{ line: 3, reason: "Not a JSON object" }],
    });
    expect(file("6607_CLICK")).toMatchObject({ ...counts(1, 0, 0, 0, 1), errors: [] });

    // Each event went to its contact: Rita twice by RIID, Eve by email, the number by mobile.
    const events = await db.select().from(schema.activityEvents).where(eq(schema.activityEvents.jobId, id));
    const of = (contactId: string | undefined) =>
      events.filter((e) => e.contactId === contactId).map((e) => e.eventType);
    expect(of(ids[0]).sort()).toEqual(["clicked", "opened"]);
    expect(of(ids[1])).toEqual(["opened"]);
    expect(of(ids[2])).toEqual(["delivered"]);
    // Eve's row carried her RIID: it is hers now. Nobody was created.
    expect((await contact("eve@example.com"))?.responsysRiid).toBe("5000002");
    expect(await contact("new@example.com")).toBeUndefined();

    // The job screen counts them, and the unmatched rows download as they were read.
    const imports = (await api.responsysJobs.get({ id })).imports;
    const open = imports.find((i) => i.source.startsWith("6607_OPEN"));
    expect(open).toMatchObject(counts(1, 1, 0, 0, 1));
    let csv = "";
    for await (const chunk of await exportUnmatchedRows(db, admin, open?.id ?? "")) csv += chunk;
    expect(csv).toBe(
      "EVENT_TYPE_ID,RIID,EMAIL_ADDRESS,MOBILE_NUMBER,EVENT_CAPTURED_DT\r\n4,5000003,new@example.com,,22-NOV-2026 06:02:00\r\n",
    );
    const sms = imports.find((i) => i.source.startsWith("6607_SMS_DELIVERED"));
    csv = "";
    for await (const chunk of await exportUnmatchedRows(db, admin, sms?.id ?? "")) csv += chunk;
    expect(csv).toBe("RIID,EVENT_CAPTURED_DT\r\n9999,22-NOV-2026 07:01:00\r\n");
    // Another workspace's admin finds no such import.
    const other = await createWorkspace();
    await expect(exportUnmatchedRows(db, other.admin, open?.id ?? "")).rejects.toThrow(/No such import/);
  });

  it("creates contacts for unknown users only when the job says so, never opted in", async () => {
    const { run, contact } = await setUp();
    const { file } = await run(true);

    // new@ is created by the first of its two files read, then found by email in the other;
    // an unknown RIID alone makes nobody: there is no address to reach or find them by.
    const total = (key: keyof ReturnType<typeof counts>) =>
      ["6607_OPEN", "6607_SMS_DELIVERED", "6607_CLICK"].reduce((n, f) => n + (file(f)?.[key] ?? 0), 0);
    expect({
      attachedByRiid: total("attachedByRiid"),
      attachedByEmail: total("attachedByEmail"),
      attachedByMobile: total("attachedByMobile"),
      created: total("created"),
      unmatched: total("unmatched"),
    }).toEqual(counts(2, 2, 1, 1, 1));
    expect(file("6607_SMS_DELIVERED")).toMatchObject(counts(0, 0, 1, 0, 1));

    expect(await contact("new@example.com")).toMatchObject({
      responsysRiid: "5000003",
      createdFrom: "responsys_activity",
      emailConsent: null,
      smsConsent: null,
      whatsappConsent: null,
      activity: expect.objectContaining({ email_open_ct: 1, email_click_ct: 1 }) as unknown,
    });
  });
});
