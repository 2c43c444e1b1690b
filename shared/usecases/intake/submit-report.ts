/**
 * submitReport：居民提交反映。
 * 结果：ok（新工单，或同一 clientRequestId 重试时返回第一次的工单）；
 * STATION.NOT_FOUND / STATION.DISABLED / REPORT.RATE_LIMITED / REPORT.PHOTO_INVALID / REPORT.CONTENT_BLOCKED。
 * 写入：工单 + 提交历史 + 给小组委员（紧急时含召集人）的通知，一个事务。
 */
import { fail, ok, type Result } from '../../domain/errors';
import type { Ticket } from '../../domain/model';
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
  const { store, settings } = deps;
  const station = await store.getStation(input.stationId);
  if (!station) return fail('STATION.NOT_FOUND');

  // 重试在限流之前判断：同一次提交的重试永远拿回同一张工单。
  const existing = await store.findByClientRequest(openid, input.clientRequestId);
  if (existing) return ok(resultOf(existing, true));
  if (!station.enabled) return fail('STATION.DISABLED');

  const now = deps.clock.now();
  const since = new Date(now.getTime() - 3_600_000).toISOString();
  if ((await store.countSubmittedSince(openid, since)) >= settings.reportsPerHourPerResident) return fail('REPORT.RATE_LIMITED');

  const photos = input.photos ?? [];
  if (photos.length > settings.maxPhotos) return fail('REPORT.TOO_MANY_PHOTOS', 'photos');
  for (const fileId of photos) if (!(await deps.files.exists(fileId))) return fail('REPORT.PHOTO_INVALID', 'photos');

  const verdict = await deps.content.checkText(input.text, openid);
  if (!verdict.pass) return fail('REPORT.CONTENT_BLOCKED', 'text');

  const triage = deps.triager.triage({ body: input.text, kind: input.kind });
  const group = await store.getGroup(station.groupId);
  if (!group) throw new Error(`station ${station.id} points at missing group ${station.groupId}`);
  const members = await store.listMembersOfGroup(group.id);

  const nowIso = now.toISOString();
  const id = deps.ids.next();
  const anonymous = input.anonymous ?? false;
  const contact = !anonymous && input.contact && (input.contact.name || input.contact.phone)
    ? { ...(input.contact.name ? { name: input.contact.name } : {}), ...(input.contact.phone ? { phone: input.contact.phone } : {}) }
    : null;
  const kind = input.kind ?? triage.library;
  const ticket: Ticket = {
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
  };
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
  const created = await store.createTicket(ticket, history, outbox);
  if (!created.created) return ok(resultOf(created.existing, true));
  return ok(resultOf(ticket, false));
}
