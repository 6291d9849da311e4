import "server-only";
import { redirect } from "next/navigation";
import { getSessionUser } from "./config";
import type { Role, SessionUser } from "./sessions";

/** For pages: the signed-in user with one of `roles`, else to login or to the refusal page. */
export async function requirePageRole(...roles: Role[]): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  if (user.mustChangePassword) redirect("/choose-password");
  if (roles.length > 0 && !roles.includes(user.role)) redirect("/forbidden");
  return user;
}
