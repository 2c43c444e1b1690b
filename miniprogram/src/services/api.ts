/**
 * 页面唯一的后端入口：按云函数约定写成带类型的方法，返回和云函数相同的 Result。
 * 页面不直接调用 Taro.request / Taro.cloud。
 */
import type { Result } from '@shared/domain/errors';
import type { Category, Rating, ReportKind, Scope, Urgency } from '@shared/domain/vocabulary';
import type {
  CaseView,
  ResidentTicketSummary,
  ResidentTicketView,
  SimilarTicket,
  StationView,
  SubmitReportResult,
} from '@shared/api/intake.api';
import type { MessageView, WhoAmI, WorkTicketSummary, WorkTicketView } from '@shared/api/work.api';
import { transport } from './cloud-client';
import type { CloudFunctionName, LocalImage } from './transport';

function call<T>(fn: CloudFunctionName, action: string, payload: Record<string, unknown> = {}): Promise<Result<T>> {
  return transport.call(fn, { ...payload, action }) as Promise<Result<T>>;
}

export interface SubmitReportPayload {
  stationId: string;
  text: string;
  kind?: ReportKind;
  photos?: string[];
  contact?: { name?: string; phone?: string };
  anonymous?: boolean;
  clientRequestId: string;
}

export type QueueFilter = 'open' | 'mine' | 'group';

export interface ConsultationPayload {
  ticketId: string;
  heldAt: string;
  place: string;
  participants: string[];
  departments: string[];
  agreement: string;
}

/** intake：居民端 */
export const intake = {
  getStation: (stationId: string) => call<StationView>('intake', 'getStation', { stationId }),
  findSimilar: (stationId: string, text: string) => call<{ items: SimilarTicket[] }>('intake', 'findSimilar', { stationId, text }),
  submitReport: (payload: SubmitReportPayload) => call<SubmitReportResult>('intake', 'submitReport', { ...payload }),
  myReports: () => call<{ items: ResidentTicketSummary[] }>('intake', 'myReports'),
  getTicket: (ticketId: string) => call<ResidentTicketView>('intake', 'getTicket', { ticketId }),
  meToo: (ticketId: string) => call<{ ticketId: string; reporterCount: number }>('intake', 'meToo', { ticketId }),
  rateTicket: (ticketId: string, rating: Rating, comment?: string) => call<ResidentTicketView>('intake', 'rateTicket', { ticketId, rating, ...(comment ? { comment } : {}) }),
  listCases: (stationId: string) => call<{ items: CaseView[] }>('intake', 'listCases', { stationId }),
  recordSubscription: (templateIds: string[], accepted: string[]) => call<Record<string, never>>('intake', 'recordSubscription', { templateIds, accepted }),
};

type TicketResult = Promise<Result<WorkTicketView>>;

/** work：委员、召集人 */
export const work = {
  whoami: () => call<WhoAmI>('work', 'whoami'),
  bindMember: (inviteCode: string) => call<WhoAmI>('work', 'bindMember', { inviteCode }),
  myMessages: (cursor?: string | null) => call<{ items: MessageView[]; unread: number; nextCursor: string | null }>('work', 'myMessages', cursor ? { cursor } : {}),
  markMessagesRead: (ids: string[]) => call<unknown>('work', 'markMessagesRead', { ids }),
  listQueue: (filter: QueueFilter, cursor?: string | null) => call<{ items: WorkTicketSummary[]; nextCursor: string | null }>('work', 'listQueue', cursor ? { filter, cursor } : { filter }),
  getTicket: (ticketId: string): TicketResult => call('work', 'getTicket', { ticketId }),
  claimTicket: (ticketId: string): TicketResult => call('work', 'claimTicket', { ticketId }),
  releaseClaim: (ticketId: string): TicketResult => call('work', 'releaseClaim', { ticketId }),
  addProgress: (ticketId: string, note: string, photos?: string[]): TicketResult => call('work', 'addProgress', { ticketId, note, ...(photos?.length ? { photos } : {}) }),
  recordConsultation: (p: ConsultationPayload): TicketResult => call('work', 'recordConsultation', { ...p }),
  proposeClose: (ticketId: string, summary: string): TicketResult => call('work', 'proposeClose', { ticketId, summary }),
  returnProposal: (ticketId: string, reason: string): TicketResult => call('work', 'returnProposal', { ticketId, reason }),
  closeTicket: (ticketId: string, caseSummary: string, publish: boolean): TicketResult => call('work', 'closeTicket', { ticketId, caseSummary, publish }),
  assignTicket: (ticketId: string, memberIds: string[]): TicketResult => call('work', 'assignTicket', { ticketId, memberIds }),
  mergeTicket: (ticketId: string, intoTicketId: string): TicketResult => call('work', 'mergeTicket', { ticketId, intoTicketId }),
  referTicket: (ticketId: string, department: string, reason: string): TicketResult => call('work', 'referTicket', { ticketId, department, reason }),
  rejectTicket: (ticketId: string, reason: string): TicketResult => call('work', 'rejectTicket', { ticketId, reason }),
  reopenTicket: (ticketId: string, reason?: string): TicketResult => call('work', 'reopenTicket', { ticketId, ...(reason ? { reason } : {}) }),
  setClaimLimit: (ticketId: string, limit: number, openToGroup?: boolean): TicketResult => call('work', 'setClaimLimit', { ticketId, limit, ...(openToGroup === undefined ? {} : { openToGroup }) }),
  overrideTriage: (p: TriageOverridePayload): TicketResult => call('work', 'overrideTriage', { ...p }),
};

export interface TriageOverridePayload {
  ticketId: string;
  category?: Category;
  kind?: ReportKind;
  urgency?: Urgency;
  scope?: Scope;
  reason: string;
}

/** 上传一张照片，得到 fileId（微信里是云存储 fileID，本地是 local://uploads/...）。 */
export function uploadPhoto(image: LocalImage): Promise<Result<{ fileId: string }>> {
  return transport.upload(image);
}

export function photoPreviewUrl(fileId: string): string {
  return transport.previewUrl(fileId);
}
