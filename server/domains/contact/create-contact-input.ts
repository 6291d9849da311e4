import { normalisePhone } from "./phone";
import { contactForm } from "./schema";

// Apart from schema.ts, which the browser's forms import: the number check needs
// libphonenumber's full metadata, which stays on the server.
/** A new contact as the server takes it: the form's rules, and the number checked and in E.164. */
export const createContactInput = contactForm(undefined, normalisePhone);
