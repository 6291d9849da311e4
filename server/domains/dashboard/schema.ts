import { z } from "zod";
import { dashboardPeriods } from "./periods";

export const dashboardInput = z.object({
  days: z.literal(dashboardPeriods).default(7),
});
