import { handleContactImportUpload } from "@/server/http/contact-import";

export const POST = handleContactImportUpload;
