/** The campaign that sends for one service instance, named after its Program. */
export const serviceCampaignName = (service: { programName: string | null; instanceUuid: string }) =>
  `Responsys: ${service.programName ?? service.instanceUuid}`;
