import { createCallerFactory, router } from "./init";
import { annexRouter } from "./routers/annex";
import { auditRouter } from "./routers/audit";
import { campaignRouter } from "./routers/campaign";
import { contactRouter } from "./routers/contact";
import { conversationRouter } from "./routers/conversation";
import { dashboardRouter } from "./routers/dashboard";
import { integrationRouter } from "./routers/integration";
import { loyaltyRouter } from "./routers/loyalty";
import { responsysAppRouter } from "./routers/responsys-app";
import { responsysJobsRouter } from "./routers/responsys-jobs";
import { segmentRouter } from "./routers/segment";
import { sessionRouter } from "./routers/session";
import { templateRouter } from "./routers/template";
import { userRouter } from "./routers/user";
import { workspaceRouter } from "./routers/workspace";

export const appRouter = router({
  annex: annexRouter,
  audit: auditRouter,
  campaign: campaignRouter,
  contact: contactRouter,
  conversation: conversationRouter,
  dashboard: dashboardRouter,
  integration: integrationRouter,
  loyalty: loyaltyRouter,
  responsysApp: responsysAppRouter,
  responsysJobs: responsysJobsRouter,
  segment: segmentRouter,
  session: sessionRouter,
  template: templateRouter,
  user: userRouter,
  workspace: workspaceRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
