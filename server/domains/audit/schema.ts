import { z } from "zod";
import { pageInput } from "../../lib/page-input";

/** The audit log's filters, shared by the page, its list procedure and the CSV export. */
export const auditFilterInput = z
  .object({
    actorUserId: z.uuid().nullish(),
    action: z
      .string()
      .max(100)
      .regex(/^[a-z_.]+$/, "Pick an action from the list")
      .nullish(),
    targetType: z
      .string()
      .max(60)
      .regex(/^[a-z_]+$/, "Pick an object type from the list")
      .nullish(),
    targetId: z.string().trim().max(200).nullish(),
    from: z.iso.datetime({ offset: true }).nullish(),
    to: z.iso.datetime({ offset: true }).nullish(),
  })
  .refine((f) => !f.from || !f.to || Date.parse(f.from) <= Date.parse(f.to), {
    message: "The end of the time range is before its start",
    path: ["to"],
  });
export type AuditFilter = z.infer<typeof auditFilterInput>;

export const listAuditInput = z.object({ ...pageInput.shape, filter: auditFilterInput });
