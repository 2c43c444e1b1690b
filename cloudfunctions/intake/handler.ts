/**
 * intake 云函数：居民扫码后的一切——看站点、查重、提交、我的反映、我也遇到了、评价、案例库、居民的消息中心。
 * 约定（请求模式与返回类型）在 shared/api/intake.api.ts。
 */
import { intakeContract } from '../../shared/api/intake.api';
import { messageParams } from '../../shared/domain/settings';
import type { Deps } from '../../shared/usecases/context';
import { findSimilarReports } from '../../shared/usecases/intake/find-similar-reports';
import { getResidentTicket } from '../../shared/usecases/intake/get-resident-ticket';
import { getStation } from '../../shared/usecases/intake/get-station';
import { listCases } from '../../shared/usecases/intake/list-cases';
import { residentMessages } from '../../shared/usecases/intake/list-resident-messages';
import { markResidentMessagesRead } from '../../shared/usecases/intake/mark-resident-messages-read';
import { myReports } from '../../shared/usecases/intake/list-my-reports';
import { meToo } from '../../shared/usecases/intake/me-too';
import { rateTicket } from '../../shared/usecases/intake/rate-ticket';
import { recordSubscription } from '../../shared/usecases/intake/record-subscription';
import { submitReport } from '../../shared/usecases/intake/submit-report';
import { answerFollowUp } from '../../shared/usecases/intake/answer-follow-up';
import { createHandler, implement, type Logger } from '../_runtime/router';

export function createIntakeHandler(deps: Deps, logger?: Logger) {
  return createHandler(
    'intake',
    implement(intakeContract, {
      getStation: (i) => getStation(deps, i.stationId),
      findSimilar: (i, openid) => findSimilarReports(deps, openid, i.stationId, i.text),
      submitReport: (i, openid) => submitReport(deps, openid, i),
      myReports: (_i, openid) => myReports(deps, openid),
      getTicket: (i, openid) => getResidentTicket(deps, openid, i.ticketId),
      meToo: (i, openid) => meToo(deps, openid, i.ticketId),
      rateTicket: (i, openid) => rateTicket(deps, openid, i.ticketId, { rating: i.rating, reasons: i.reasons ?? [], comment: i.comment ?? '' }),
      myMessages: (i, openid) => residentMessages(deps, openid, i.cursor),
      markMessagesRead: (i, openid) => markResidentMessagesRead(deps, openid, i.ids),
      listCases: (i) => listCases(deps, i.stationId),
      recordSubscription: (i, openid) => recordSubscription(deps, openid, i.accepted.filter((t) => i.templateIds.includes(t))),
      answerFollowUp: (i, openid) => answerFollowUp(deps, openid, i.ticketId, i.answer),
    }),
    logger,
    async () => messageParams(await deps.loadSettings()),
  );
}
