/**
 * work 云函数：委员和召集人的工作台——身份绑定、消息中心、接单队列、工单上的每个动作。
 * 约定（请求模式与返回类型）在 shared/api/work.api.ts；权限全部在服务端按调用人与工单的关系判断
 * （shared/domain/lifecycle.ts 的流转表与 shared/domain/access.ts）。
 */
import { workContract } from '../../shared/api/work.api';
import { messageParams } from '../../shared/domain/settings';
import type { Deps } from '../../shared/usecases/context';
import { addProgress } from '../../shared/usecases/work/add-progress';
import { assignTicket } from '../../shared/usecases/work/assign-ticket';
import { bindMember } from '../../shared/usecases/work/bind-member';
import { claimTicket } from '../../shared/usecases/work/claim-ticket';
import { closeTicket } from '../../shared/usecases/work/close-ticket';
import { getWorkTicket } from '../../shared/usecases/work/get-work-ticket';
import { listHotTopics } from '../../shared/usecases/work/list-hot-topics';
import { myMessages } from '../../shared/usecases/work/list-my-messages';
import { listQueue } from '../../shared/usecases/work/list-queue';
import { markMessagesRead } from '../../shared/usecases/work/mark-messages-read';
import { mergeTicket } from '../../shared/usecases/work/merge-ticket';
import { overrideTriage } from '../../shared/usecases/work/override-triage';
import { proposeClose } from '../../shared/usecases/work/propose-close';
import { recordConsultation } from '../../shared/usecases/work/record-consultation';
import { referTicket } from '../../shared/usecases/work/refer-ticket';
import { rejectTicket } from '../../shared/usecases/work/reject-ticket';
import { releaseClaim } from '../../shared/usecases/work/release-claim';
import { reopenTicket } from '../../shared/usecases/work/reopen-ticket';
import { returnProposal } from '../../shared/usecases/work/return-proposal';
import { setClaimLimit } from '../../shared/usecases/work/set-claim-limit';
import { whoami } from '../../shared/usecases/work/who-am-i';
import { extendDeadline } from '../../shared/usecases/work/extend-deadline';
import { answerActionCheck } from '../../shared/usecases/work/answer-action-check';
import { getMyActivity } from '../../shared/usecases/work/get-my-activity';
import { createHandler, implement, type Logger } from '../_runtime/router';

export function createWorkHandler(deps: Deps, logger?: Logger) {
  return createHandler(
    'work',
    implement(workContract, {
      whoami: (_i, openid) => whoami(deps, openid),
      bindMember: (i, openid) => bindMember(deps, openid, i.inviteCode),
      myMessages: (i, openid) => myMessages(deps, openid, i.cursor),
      markMessagesRead: (i, openid) => markMessagesRead(deps, openid, i.ids),
      listQueue: (i, openid) => listQueue(deps, openid, i.filter, i.cursor),
      getTicket: (i, openid) => getWorkTicket(deps, openid, i.ticketId),
      claimTicket: (i, openid) => claimTicket(deps, openid, i.ticketId),
      releaseClaim: (i, openid) => releaseClaim(deps, openid, i.ticketId),
      addProgress: (i, openid) => addProgress(deps, openid, i.ticketId, i.note, i.photos),
      recordConsultation: ({ ticketId, ...c }, openid) => recordConsultation(deps, openid, ticketId, c),
      proposeClose: (i, openid) => proposeClose(deps, openid, i.ticketId, i.summary),
      returnProposal: (i, openid) => returnProposal(deps, openid, i.ticketId, i.reason),
      closeTicket: (i, openid) => closeTicket(deps, openid, i.ticketId, i.caseSummary, i.publish ?? true, i.caseTitle),
      assignTicket: (i, openid) => assignTicket(deps, openid, i.ticketId, i.memberIds),
      mergeTicket: ({ ticketId, ...into }, openid) => mergeTicket(deps, openid, ticketId, into),
      referTicket: (i, openid) => referTicket(deps, openid, i.ticketId, i.department, i.reason),
      rejectTicket: (i, openid) => rejectTicket(deps, openid, i.ticketId, i.reason),
      reopenTicket: (i, openid) => reopenTicket(deps, openid, i.ticketId, i.reason ?? ''),
      setClaimLimit: (i, openid) => setClaimLimit(deps, openid, i.ticketId, i.limit, i.openToGroup ?? false),
      overrideTriage: ({ ticketId, ...o }, openid) => overrideTriage(deps, openid, ticketId, o),
      hotTopics: (i, openid) => listHotTopics(deps, openid, i),
      extendDeadline: (i, openid) => extendDeadline(deps, openid, i.ticketId, i.workdays, i.reason),
      answerActionCheck: (i, openid) => answerActionCheck(deps, openid, i.ticketId, i.checkId, i.done, i.note ?? ''),
      myActivity: (i, openid) => getMyActivity(deps, openid, i.month),
    }),
    logger,
    async () => messageParams(await deps.loadSettings()),
  );
}
