/**
 * submitReport：居民提交反映。
 * 结果：ok（新工单，或同一 clientRequestId 重试时返回第一次的工单）；
 * STATION.NOT_FOUND / STATION.DISABLED / REPORT.TEXT_TOO_LONG / REPORT.TOO_MANY_PHOTOS（按本县设置）/
 * REPORT.PHOTO_INVALID / REPORT.CONTENT_BLOCKED / REPORT.RATE_LIMITED（这位居民一小时提交太多）/
 * REPORT.STATION_BUSY（这个站一小时收的新反映到了县里设的上限，挡成批新号；请她稍后再试或打站里电话）。
 * 写入：工单（连同按本县设置算好的期限）+ 提交历史 + 给小组委员（紧急时含召集人）的通知，一个事务。
 * 紧急的还要告诉政协办：由定时任务的下一轮送达（shared/usecases/supervision），不让居民多等一次读。
 * 存储往返最多 3 次（居民在等）：本县设置、站点（连同小组和委员）、写入事务（事务里查重试和限流）。
 */
import { fail, ok, stationPaused, type Result } from '../../domain/errors';
import type { Ticket } from '../../domain/model';
import { checkReportLimits, deadlineSettingsOf } from '../../domain/settings';
import { dispatched } from '../../domain/supervision';
import { ticketNumber } from '../../domain/ticket-number';
import type { SubmitReportInput, SubmitReportResult } from '../../api/intake.api';
import type { Deps } from '../context';
import { buildOutbox, newReportNotice, targetsForNewReport } from '../notifications';

const resultOf = (t: Ticket, duplicateRequest: boolean): SubmitReportResult => ({
  ticketId: t.id,
  ticketNo: t.no,
  library: t.library,
  category: t.category,
  urgency: t.urgency,
  status: t.status,
  duplicateRequest,
});

export async function submitReport(deps: Deps, openid: string, input: SubmitReportInput): Promise<Result<SubmitReportResult>> {
  const { store } = deps;
  const [settings, context] = await Promise.all([deps.loadSettings(), store.getSubmitContext(input.stationId)]);
  if (!context) return fail('STATION.NOT_FOUND');
  const { station, group, members } = context;
  if (!station.enabled) {
    // 站点暂停之前提交的那一次，重试仍拿回同一张工单
    const existing = await store.findByClientRequest(openid, input.clientRequestId);
    return existing ? ok(resultOf(existing, true)) : stationPaused(station);
  }
  if (!group) throw new Error(`station ${station.id} points at missing group ${station.groupId}`);

  const photos = input.photos ?? [];
  const tooMuch = checkReportLimits(input, settings);
  if (tooMuch) return fail(tooMuch.code, tooMuch.field);
  for (const fileId of photos) if (!(await deps.files.exists(fileId, openid))) return fail('REPORT.PHOTO_INVALID', 'photos');

  const verdict = await deps.content.checkText(input.text, openid);
  if (!verdict.pass) return fail('REPORT.CONTENT_BLOCKED', 'text');

  const triage = deps.triager.triage({ body: input.text, kind: input.kind });
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const id = deps.ids.next();
  const anonymous = input.anonymous ?? false;
  const contact = !anonymous && input.contact && (input.contact.name || input.contact.phone)
    ? { ...(input.contact.name ? { name: input.contact.name } : {}), ...(input.contact.phone ? { phone: input.contact.phone } : {}) }
    : null;
  const kind = input.kind ?? triage.library;
  const ticket: Ticket = dispatched({
    id,
    no: ticketNumber(nowIso, id),
    stationId: station.id,
    groupId: group.id,
    residentOpenid: openid,
    clientRequestId: input.clientRequestId,
    kind,
    library: kind,
    category: triage.category,
    urgency: triage.urgency,
    scope: triage.scope,
    triage: {
      category: triage.category,
      library: triage.library,
      urgency: triage.urgency,
      scope: triage.scope,
      confidence: triage.confidence,
      reasons: triage.reasons,
      libraryDisagrees: triage.libraryDisagrees,
    },
    text: input.text,
    redactedText: triage.redacted,
    photos,
    contact,
    anonymous,
    status: 'pending',
    claimants: [],
    claimLimit: group.claimLimit || settings.defaultClaimLimit,
    meToo: [],
    mergedFrom: [],
    outcome: null,
    caseSummary: null,
    publishCase: false,
    rating: null,
    createdAt: nowIso,
    updatedAt: nowIso,
    version: 1,
  }, nowIso, deadlineSettingsOf(settings), settings.calendarOverrides);
  const history = [
    {
      id: deps.ids.next(),
      ticketId: id,
      at: nowIso,
      action: 'submit' as const,
      actorOpenid: openid,
      actorMemberId: null,
      actorName: '反映人',
      relation: 'owner' as const,
      from: null,
      to: 'pending' as const,
      note: `已转${station.name}所属${group.name}`,
      visibleToResident: true,
    },
  ];
  const outbox = buildOutbox(ticket, targetsForNewReport(ticket, group, members), newReportNotice(ticket, station), nowIso, () => deps.ids.next());
  const created = await store.createTicket(ticket, history, outbox, {
    sinceIso: new Date(now.getTime() - 3_600_000).toISOString(),
    max: settings.reportsPerHourPerResident,
    stationMax: settings.reportsPerHourPerStation,
  });
  if ('rateLimited' in created) return fail(created.stationBusy ? 'REPORT.STATION_BUSY' : 'REPORT.RATE_LIMITED');
  if (!created.created) return ok(resultOf(created.existing, true));
  return ok(resultOf(ticket, false));
}
