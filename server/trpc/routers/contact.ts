import { createContact } from "../../domains/contact/create-contact";
import { createContactInput } from "../../domains/contact/create-contact-input";
import { eraseContact } from "../../domains/contact/erase-contact";
import { getContact } from "../../domains/contact/get-contact";
import { getImport } from "../../domains/contact/get-import";
import { getImportInput, startImportInput } from "../../domains/contact/import-schema";
import { getListHealth } from "../../domains/contact/get-list-health";
import { listContacts } from "../../domains/contact/list-contacts";
import {
  contactIdInput,
  eraseContactInput,
  listContactsInput,
  resubscribeInput,
  updateContactInput,
} from "../../domains/contact/schema";
import { resubscribeContact } from "../../domains/contact/resubscribe-contact";
import { startImport } from "../../domains/contact/start-import";
import { updateContact } from "../../domains/contact/update-contact";
import { adminProcedure, protectedProcedure, router } from "../init";

// Both roles: marketers build audiences from contacts, admins fix them.
export const contactRouter = router({
  list: protectedProcedure
    .input(listContactsInput)
    .query(({ ctx, input }) => listContacts(ctx.db, ctx.user.workspaceId, input)),
  health: protectedProcedure.query(({ ctx }) => getListHealth(ctx.db, ctx.user.workspaceId)),
  get: protectedProcedure
    .input(contactIdInput)
    .query(({ ctx, input }) => getContact(ctx.db, ctx.user.workspaceId, input.id)),
  create: protectedProcedure
    .input(createContactInput)
    .mutation(({ ctx, input }) => createContact(ctx.db, ctx.user, input)),
  update: protectedProcedure
    .input(updateContactInput)
    .mutation(({ ctx, input }) => updateContact(ctx.db, ctx.user, input)),
  // Admins only: it overrides the customer's own opt-out (STOP), so it needs the evidence of
  // their consent and someone accountable for it.
  resubscribe: adminProcedure
    .input(resubscribeInput)
    .mutation(({ ctx, input }) => resubscribeContact(ctx.db, ctx.user, input)),
  // Admins only: it removes the person's data for good (the right to erasure), keeping only
  // their opt-outs, as keyed hashes.
  erase: adminProcedure.input(eraseContactInput).mutation(({ ctx, input }) => eraseContact(ctx.db, ctx.user, input)),
  // CSV import: the file arrives through POST /api/contacts/imports (a stream, not JSON); these
  // confirm its mapping and follow its progress.
  importStart: protectedProcedure
    .input(startImportInput)
    .mutation(({ ctx, input }) => startImport(ctx.db, ctx.user, input)),
  importGet: protectedProcedure
    .input(getImportInput)
    .query(({ ctx, input }) => getImport(ctx.db, ctx.user.workspaceId, input)),
});
