import type { z } from "zod";
import type { responsysAppSettings } from "./settings";
import type { VendorConnection } from "../types";

/**
 * The Responsys CX app has no vendor API of its own to call: AMS calls us, signing with the
 * token secret. So the connection test can only confirm the values have a usable shape (the
 * settings schema already checked them). The sandbox simulator offers no way to read an app
 * back (its control API only registers apps, with PUT /_control/ams/apps on connect), so test
 * mode checks the shape too.
 */
export function createResponsysAppConnection(settings: z.output<typeof responsysAppSettings>): VendorConnection {
  return {
    testConnection: () =>
      Promise.resolve({
        ok: true,
        checks: [
          { name: "App id", ok: true, message: `AMS app ${settings.appId}.` },
          {
            name: "Token",
            ok: true,
            message: `Token key ${settings.tokenKey}, with a ${settings.tokenSecret.length}-character token secret for HS256.`,
          },
        ],
      }),
  };
}
