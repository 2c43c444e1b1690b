/**
 * work 云函数：委员和召集人的工作台——身份绑定、消息中心、接单队列、工单上的每个动作。
 * 权限全部在服务端按调用人与工单的关系判断（见 shared/domain/lifecycle.ts 的流转表）。
 */
import * as api from '../../shared/api/work.api';
import type { Deps } from '../../shared/usecases/context';
import { bindMember, markMessagesRead, myMessages, whoami } from '../../shared/usecases/work/identity';
import * as w from '../../shared/usecases/work/ticket-work';
import { listHotTopics } from '../../shared/usecases/work/hot-topics';
import { createHandler, route, type Logger } from '../_runtime/router';

export function createWorkHandler(deps: Deps, logger?: Logger) {
  return createHandler(
    'work',
    {
      whoami: route(api.EmptyRequest, (_i, openid) => whoami(deps, openid)),
      bindMember: route(api.BindMemberRequest, (i, openid) => bindMember(deps, openid, i.inviteCode)),
      myMessages: route(api.MyMessagesRequest, (i, openid) => myMessages(deps, openid, i.cursor)),
      markMessagesRead: route(api.MarkReadRequest, (i, openid) => markMessagesRead(deps, openid, i.ids)),
      listQueue: route(api.ListQueueRequest, (i, openid) => w.listQueue(deps, openid, i.filter, i.cursor)),
      getTicket: route(api.TicketIdRequest, (i, openid) => w.getWorkTicket(deps, openid, i.ticketId)),
      claimTicket: route(api.TicketIdRequest, (i, openid) => w.claimTicket(deps, openid, i.ticketId)),
      releaseClaim: route(api.TicketIdRequest, (i, openid) => w.releaseClaim(deps, openid, i.ticketId)),
      addProgress: route(api.AddProgressRequest, (i, openid) => w.addProgress(deps, openid, i.ticketId, i.note, i.photos)),
      recordConsultation: route(api.RecordConsultationRequest, (i, openid) => w.recordConsultation(deps, openid, i.ticketId, i)),
      proposeClose: route(api.ProposeCloseRequest, (i, openid) => w.proposeClose(deps, openid, i.ticketId, i.summary)),
      returnProposal: route(api.ReturnProposalRequest, (i, openid) => w.returnProposal(deps, openid, i.ticketId, i.reason)),
      closeTicket: route(api.CloseTicketRequest, (i, openid) => w.closeTicket(deps, openid, i.ticketId, i.caseSummary, i.publish ?? true)),
      assignTicket: route(api.AssignTicketRequest, (i, openid) => w.assignTicket(deps, openid, i.ticketId, i.memberIds)),
      mergeTicket: route(api.MergeTicketRequest, (i, openid) => w.mergeTicket(deps, openid, i.ticketId, i.intoTicketId)),
      referTicket: route(api.ReferTicketRequest, (i, openid) => w.referTicket(deps, openid, i.ticketId, i.department, i.reason)),
      rejectTicket: route(api.RejectTicketRequest, (i, openid) => w.rejectTicket(deps, openid, i.ticketId, i.reason)),
      reopenTicket: route(api.ReopenTicketRequest, (i, openid) => w.reopenTicket(deps, openid, i.ticketId, i.reason ?? '')),
      setClaimLimit: route(api.SetClaimLimitRequest, (i, openid) => w.setClaimLimit(deps, openid, i.ticketId, i.limit, i.openToGroup ?? false)),
      hotTopics: route(api.HotTopicsRequest, (i, openid) => listHotTopics(deps, openid, i)),
      overrideTriage: route(api.OverrideTriageRequest, (i, openid) => w.overrideTriage(deps, openid, i.ticketId, i)),
    },
    logger,
  );
}
