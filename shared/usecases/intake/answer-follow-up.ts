/**
 * answerFollowUp（回头看答复）：办结若干天后，定时任务问反映人和每一位"我也遇到了"的居民一句话，她点一下就答完。
 * - 还没评价过的：这一问就是评价（满意 / 基本满意 / 不满意），记进 ratings（via: 'followUp'）；反映人同时记进 rating；
 * - 评价过的：问"问题有没有反弹？"（反弹了 / 没有反弹）。
 * "不满意"和"反弹了"通知召集人，由召集人决定是否重新办理。
 * 结果：ok（居民视图）；FOLLOWUP.NOT_PENDING（没问到她或已答过）/ FOLLOWUP.ANSWER_MISMATCH（问评价却答反弹，或反过来）/
 * TICKET.TRANSITION_NOT_ALLOWED（已重新办理）/ TICKET.NOT_FOUND。
 */
import { fail, ok, type Result } from '../../domain/errors';
import type { Ticket } from '../../domain/model';
import { withRating } from '../../domain/ratings';
import { RATING_LABELS, RATINGS, type Rating } from '../../domain/vocabulary';
import { REBOUND_LABELS, type ReboundAnswer } from '../../domain/supervision';
import type { FollowUpAnswer, ResidentTicketView } from '../../api/intake.api';
import { convenersOf, resolveActor, type Deps } from '../context';
import { mutateTicket } from '../mutate-ticket';
import { excerpt } from '../notifications';
import { buildResidentView } from './resident-view';

const isRating = (a: FollowUpAnswer): a is Rating => (RATINGS as readonly string[]).includes(a);

export async function answerFollowUp(deps: Deps, openid: string, ticketId: string, answer: FollowUpAnswer): Promise<Result<ResidentTicketView>> {
  const actor = await resolveActor(deps, openid);
  const r = await mutateTicket(deps, actor, ticketId, 'answerFollowUp', async ({ ticket, now }) => {
    const question = (ticket.followUps ?? []).find((f) => f.openid === openid && !f.answer);
    if (!question) return fail('FOLLOWUP.NOT_PENDING');
    if ((question.kind === 'rating') !== isRating(answer)) return fail('FOLLOWUP.ANSWER_MISMATCH');
    const followUps = (ticket.followUps ?? []).map((f) => (f === question ? { ...f, answer, answeredAt: now } : f));
    let next: Ticket = { ...ticket, followUps };
    let note: string;
    if (isRating(answer)) {
      next = withRating(next, { openid, rating: answer, reasons: [], comment: '', at: now, via: 'followUp' });
      note = `回头看评价：${RATING_LABELS[answer]}`;
    } else {
      note = `回头看：${REBOUND_LABELS[answer as ReboundAnswer]}`;
    }
    const bad = answer === 'unsatisfied' || answer === 'rebounded';
    const conveners = bad ? await convenersOf(deps, ticket.groupId) : [];
    const who = openid === ticket.residentOpenid ? '反映人' : '也反映了这件事的居民';
    return ok({
      next,
      note,
      visibleToResident: openid === ticket.residentOpenid,
      data: { followUp: question.kind, answer },
      notify: conveners.length
        ? [{
            targets: conveners.map((member) => ({ kind: 'member' as const, member })),
            content:
              answer === 'rebounded'
                ? { event: 'ticket.rebounded', title: `回头看：问题反弹 · ${ticket.no}`, body: `${who}说问题又出现了，请决定是否重新办理。${excerpt(ticket.redactedText, 30)}` }
                : { event: 'ticket.unsatisfied', title: `回头看：居民不满意 · ${ticket.no}`, body: `${who}不满意，请决定是否重新办理。${excerpt(ticket.redactedText, 30)}` },
          }]
        : [],
    });
  });
  if (!r.ok) return r;
  return ok(await buildResidentView(deps, r.data, openid));
}
