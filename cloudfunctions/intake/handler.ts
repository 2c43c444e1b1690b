/**
 * intake 云函数：居民扫码后的一切——看站点、查重、提交、我的反映、我也遇到了、评价、案例库。
 */
import * as api from '../../shared/api/intake.api';
import type { Deps } from '../../shared/usecases/context';
import { findSimilarReports, getResidentTicket, getStation, listCases, myReports } from '../../shared/usecases/intake/resident-queries';
import { meToo, rateTicket } from '../../shared/usecases/intake/resident-actions';
import { submitReport } from '../../shared/usecases/intake/submit-report';
import { recordSubscription } from '../../shared/usecases/intake/subscriptions';
import { createHandler, route, type Logger } from '../_runtime/router';

export function createIntakeHandler(deps: Deps, logger?: Logger) {
  return createHandler(
    'intake',
    {
      getStation: route(api.GetStationRequest, (i) => getStation(deps, i.stationId)),
      findSimilar: route(api.FindSimilarRequest, (i, openid) => findSimilarReports(deps, openid, i.stationId, i.text)),
      submitReport: route(api.SubmitReportRequest, (i, openid) => submitReport(deps, openid, i)),
      myReports: route(api.MyReportsRequest, (_i, openid) => myReports(deps, openid)),
      getTicket: route(api.TicketIdRequest, (i, openid) => getResidentTicket(deps, openid, i.ticketId)),
      meToo: route(api.TicketIdRequest, (i, openid) => meToo(deps, openid, i.ticketId)),
      rateTicket: route(api.RateTicketRequest, (i, openid) => rateTicket(deps, openid, i.ticketId, i.rating, i.comment ?? '')),
      listCases: route(api.ListCasesRequest, (i) => listCases(deps, i.stationId)),
      recordSubscription: route(api.RecordSubscriptionRequest, (i, openid) => recordSubscription(deps, openid, i.accepted.filter((t) => i.templateIds.includes(t)))),
    },
    logger,
  );
}
