/**
 * 居民看到的工单：列表里的一行与详情。正文、联系方式按 shared/domain/access.ts 的规则给：
 * 反映人看自己的原话；点了"我也遇到了"的居民只看隐去个人信息的文字，也看不到别人的照片。
 */
import { allowedActions, isOpen, STATUS_LABELS } from '../../domain/lifecycle';
import { ratingOf } from '../../domain/ratings';
import { pendingFollowUp } from '../../domain/supervision';
import type { DissatisfactionReason } from '../../domain/vocabulary';
import { relationsTo, seesPersonalData } from '../../domain/access';
import type { Ticket } from '../../domain/model';
import type { ResidentTicketSummary, ResidentTicketView } from '../../api/intake.api';
import type { Deps } from '../context';
import { excerpt } from '../notifications';
import { contactFor, textFor, timelineOf } from '../views';

const residentRelations = (t: Ticket, openid: string) => relationsTo({ openid, member: null }, t);

/** 她此刻能不能评价：问流转表（已办结）和它的守卫（她反映过或加入过、还没评过） */
export function canRateNow(t: Ticket, openid: string): boolean {
  return allowedActions(t.status, residentRelations(t, openid), { ticket: t, memberId: null, openid }).includes('rate');
}

/** hasNews：这张单有她没读的消息（由调用方从消息中心算好传进来） */
export function residentSummary(t: Ticket, stationName: string, openid: string, hasNews = false): ResidentTicketSummary {
  return {
    id: t.id,
    no: t.no,
    stationName,
    excerpt: excerpt(textFor(t, residentRelations(t, openid)), 60),
    status: t.status,
    statusLabel: STATUS_LABELS[t.status],
    isOwner: t.residentOpenid === openid,
    reporterCount: t.meToo.length + 1,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    hasNews,
    awaitingRating: canRateNow(t, openid),
  };
}

export async function buildResidentView(deps: Deps, t: Ticket, openid: string): Promise<ResidentTicketView> {
  const rels = residentRelations(t, openid);
  const isOwner = rels.includes('owner');
  const mine = ratingOf(t, openid);
  // 别人的照片可能拍到个人信息，只给看得到原话的人
  const showPhotos = seesPersonalData(rels) && t.photos.length > 0;
  const [station, history, urls] = await Promise.all([
    deps.store.getStation(t.stationId),
    deps.store.listHistory(t.id),
    showPhotos ? deps.files.urlsFor(t.photos) : Promise.resolve({} as Record<string, string>),
  ]);
  return {
    id: t.id,
    no: t.no,
    station: { id: t.stationId, name: station?.name ?? '' },
    kind: t.kind,
    library: t.library,
    category: t.category,
    urgency: t.urgency,
    status: t.status,
    statusLabel: STATUS_LABELS[t.status],
    text: textFor(t, rels),
    photos: showPhotos ? t.photos.map((fileId) => ({ fileId, url: urls[fileId] ?? '' })) : [],
    contact: contactFor(t, rels),
    anonymous: t.anonymous,
    isOwner,
    reporterCount: t.meToo.length + 1,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    timeline: timelineOf(history, true, t),
    rating: mine ? { rating: mine.rating, comment: mine.comment, at: mine.at, reasons: mine.reasons as DissatisfactionReason[] } : null,
    canRate: canRateNow(t, openid),
    caseSummary: t.status === 'closed' ? t.caseSummary : null,
    resolveBy: isOpen(t.status) ? (t.due?.resolve ?? null) : null,
    resolveByExtended: isOpen(t.status) && t.dueExtension ? { reason: t.dueExtension.reason } : null,
    followUp: pendingFollowUp(t, openid),
  };
}
