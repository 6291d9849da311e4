import { env } from "../../env";
import { appEndpointPaths } from "./schema";

/** Where AMS reaches one app integration: every endpoint path is appended to this. */
export const appBaseUrl = (integrationId: string) => `${env.APP_URL}/api/responsys-app/${integrationId}`;

/**
 * What an admin registers in AMS for the app, and where a Responsys user installs it. Only the
 * sandbox's install link is known to us; a real app's comes from AMS or Oracle's marketplace.
 */
export function appRegistration(integrationId: string, appId: string, sandbox: boolean) {
  const base = appBaseUrl(integrationId);
  return {
    endpoints: appEndpointPaths.map((path) => ({ path, url: `${base}${path}` })),
    installUrl: sandbox ? `${env.SANDBOX_URL}/ams/install?app=${encodeURIComponent(appId)}` : null,
  };
}

export const configurePageUrl = (session: string) =>
  `${env.APP_URL}/responsys-app/configure?session=${encodeURIComponent(session)}`;
export const servicePageUrl = (session: string) =>
  `${env.APP_URL}/responsys-app/service?session=${encodeURIComponent(session)}`;
