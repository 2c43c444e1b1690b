/**
 * 给本组工作人员以外的人看的文字怎样处理，只此一处：时间线、给居民的通知、公开案例都用它。
 */
import type { Ticket } from '../domain/model';
import { maskName, maskPhone } from '../domain/personal-data';
// 从 pii 直接引、不经 triage/index：那样会把紧急程度、范围等规则表一起带进 work 和 admin 的包（esbuild 摇不掉它们的顶层代码）
import { redactPersonalData } from '../triage/pii';

/** 公开文字里去掉这张工单已知的个人信息（联系人姓名、电话），再由 redactPersonalData 去掉其余可识别的号码。 */
export function scrubKnownPersonalData(text: string, t: Pick<Ticket, 'contact'>): string {
  let out = text;
  for (const value of [t.contact?.phone, t.contact?.name]) {
    if (value && value.length >= 2) out = out.split(value).join(value === t.contact?.phone ? maskPhone(value) : maskName(value));
  }
  return out;
}

/**
 * 给本组工作人员以外的人看的文字：去掉这张工单已知的联系人姓名电话，再去掉其余认得出的个人信息。
 * 委员写的进展、协商记录、办结说明，居民在时间线和通知里看到的都是这样处理过的。
 */
export function publicText(text: string, t: Pick<Ticket, 'contact'>): string {
  return redactPersonalData(scrubKnownPersonalData(text, t)).redacted;
}

