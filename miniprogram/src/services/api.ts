/**
 * 页面唯一的后端入口：每个方法的请求和返回类型都从云函数的约定（shared/api/*.api.ts）推出来，
 * 发请求之前先用同一个请求模式校验——不合格的不发，就地给出和服务端一样的中文提示。
 * 云函数改了约定而这里没跟上，npm run typecheck 就不通过。页面不直接调用 Taro.request / Taro.cloud。
 */
import type { Contract, RequestOf, ResultOf } from '@shared/api/contract';
import { parseRequest } from '@shared/api/envelope';
import { intakeContract, type FollowUpAnswer, type IntakeContract } from '@shared/api/intake.api';
import { workContract, type MergeTarget, type QueueFilter, type TriageOverride, type WorkContract } from '@shared/api/work.api';
import { withMessageParams, type Result } from '@shared/domain/errors';
import { DEFAULT_SETTINGS, messageParams } from '@shared/domain/settings';
import type { DissatisfactionReason, Rating } from '@shared/domain/vocabulary';
import { transport } from './cloud-client';
import type { CloudFunctionName, LocalImage } from './transport';

interface Contracts {
  intake: IntakeContract;
  work: WorkContract;
}
const contracts: Contracts = { intake: intakeContract, work: workContract };

export type Request<F extends keyof Contracts, A extends keyof Contracts[F]> = RequestOf<Contracts[F][A]>;
export type Response<F extends keyof Contracts, A extends keyof Contracts[F]> = Result<ResultOf<Contracts[F][A]>>;

/**
 * 按某个云函数的约定调它的一个 action：先按约定的请求模式校验，再发。
 * 分包（管理后台）用它接自己的约定，约定的模式就只打进分包，不进主包。
 */
export async function callContract<C extends Contract, A extends keyof C & string>(fn: CloudFunctionName, contract: C, action: A, payload: RequestOf<C[A]>): Promise<Result<ResultOf<C[A]>>> {
  const checked = parseRequest(contract[action]!.request, payload);
  if (!checked.ok) return withMessageParams(checked, messageParams(DEFAULT_SETTINGS));
  return transport.call(fn, { ...(payload as object), action }) as Promise<Result<ResultOf<C[A]>>>;
}

/** 调 intake 或 work 的一个 action */
export function call<F extends keyof Contracts, A extends keyof Contracts[F] & string>(fn: F, action: A, payload: Request<F, A>): Promise<Response<F, A>> {
  return callContract(fn, contracts[fn] as Contract, action, payload as RequestOf<Contract[string]>) as Promise<Response<F, A>>;
}

export type { QueueFilter };
export type SubmitReportPayload = Request<'intake', 'submitReport'>;
export type ConsultationPayload = Request<'work', 'recordConsultation'>;
export type TriageOverridePayload = Request<'work', 'overrideTriage'>;

/** intake：居民端 */
export const intake = {
  getStation: (stationId: string) => call('intake', 'getStation', { stationId }),
  findSimilar: (stationId: string, text: string) => call('intake', 'findSimilar', { stationId, text }),
  submitReport: (payload: SubmitReportPayload) => call('intake', 'submitReport', payload),
  myReports: () => call('intake', 'myReports', {}),
  getTicket: (ticketId: string) => call('intake', 'getTicket', { ticketId }),
  meToo: (ticketId: string) => call('intake', 'meToo', { ticketId }),
  rateTicket: (ticketId: string, rating: Rating, extra: { reasons?: DissatisfactionReason[]; comment?: string } = {}) =>
    call('intake', 'rateTicket', { ticketId, rating, ...(extra.reasons?.length ? { reasons: extra.reasons } : {}), ...(extra.comment ? { comment: extra.comment } : {}) }),
  listCases: (stationId: string) => call('intake', 'listCases', { stationId }),
  recordSubscription: (templateIds: string[], accepted: string[]) => call('intake', 'recordSubscription', { templateIds, accepted }),
  /** 居民的消息中心（只有居民身份的消息；委员的在工作台） */
  myMessages: (cursor?: string | null) => call('intake', 'myMessages', cursor ? { cursor } : {}),
  markMessagesRead: (ids: string[]) => call('intake', 'markMessagesRead', { ids }),
  /** 回头看：一点就答（评价，或问题有没有反弹） */
  answerFollowUp: (ticketId: string, answer: FollowUpAnswer) => call('intake', 'answerFollowUp', { ticketId, answer }),
};

/** work：委员、召集人 */
export const work = {
  whoami: () => call('work', 'whoami', {}),
  bindMember: (inviteCode: string) => call('work', 'bindMember', { inviteCode }),
  myMessages: (cursor?: string | null) => call('work', 'myMessages', cursor ? { cursor } : {}),
  markMessagesRead: (ids: string[]) => call('work', 'markMessagesRead', { ids }),
  listQueue: (filter: QueueFilter, cursor?: string | null) => call('work', 'listQueue', cursor ? { filter, cursor } : { filter }),
  getTicket: (ticketId: string) => call('work', 'getTicket', { ticketId }),
  claimTicket: (ticketId: string) => call('work', 'claimTicket', { ticketId }),
  releaseClaim: (ticketId: string) => call('work', 'releaseClaim', { ticketId }),
  addProgress: (ticketId: string, note: string, photos?: string[]) => call('work', 'addProgress', { ticketId, note, ...(photos?.length ? { photos } : {}) }),
  recordConsultation: (p: ConsultationPayload) => call('work', 'recordConsultation', p),
  proposeClose: (ticketId: string, summary: string) => call('work', 'proposeClose', { ticketId, summary }),
  returnProposal: (ticketId: string, reason: string) => call('work', 'returnProposal', { ticketId, reason }),
  closeTicket: (ticketId: string, caseSummary: string, publish: boolean, caseTitle?: string) => call('work', 'closeTicket', { ticketId, caseSummary, publish, ...(caseTitle ? { caseTitle } : {}) }),
  assignTicket: (ticketId: string, memberIds: string[]) => call('work', 'assignTicket', { ticketId, memberIds }),
  /** 合并到一张工单：给 id（从列表里选的），或给召集人输入的编号（服务端在本组里查） */
  mergeTicket: (ticketId: string, into: MergeTarget) => call('work', 'mergeTicket', { ticketId, ...into }),
  referTicket: (ticketId: string, department: string, reason: string) => call('work', 'referTicket', { ticketId, department, reason }),
  rejectTicket: (ticketId: string, reason: string) => call('work', 'rejectTicket', { ticketId, reason }),
  reopenTicket: (ticketId: string, reason?: string) => call('work', 'reopenTicket', { ticketId, ...(reason ? { reason } : {}) }),
  setClaimLimit: (ticketId: string, limit: number, openToGroup?: boolean) => call('work', 'setClaimLimit', { ticketId, limit, ...(openToGroup === undefined ? {} : { openToGroup }) }),
  overrideTriage: (p: TriageOverridePayload & TriageOverride) => call('work', 'overrideTriage', p),
  extendDeadline: (ticketId: string, workdays: number, reason: string) => call('work', 'extendDeadline', { ticketId, workdays, reason }),
  answerActionCheck: (ticketId: string, checkId: string, done: boolean, note?: string) => call('work', 'answerActionCheck', { ticketId, checkId, done, ...(note ? { note } : {}) }),
  myActivity: (month: string) => call('work', 'myActivity', { month }),
};

/** 上传一张照片，得到 fileId（微信里是云存储 fileID，本地是 local://uploads/...）。 */
export function uploadPhoto(image: LocalImage): Promise<Result<{ fileId: string }>> {
  return transport.upload(image);
}

export function photoPreviewUrl(fileId: string): string {
  return transport.previewUrl(fileId);
}
