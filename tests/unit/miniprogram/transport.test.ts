/** 传输层把对方的回答规整成 Result：不认识的回答一律是"系统繁忙"，提示永远是中文。 */
import { ERROR_MESSAGES } from '@shared/domain/errors';
import { asEnvelope, unavailable } from '../../../miniprogram/src/services/transport';

test('成功的信封原样交给页面', () => {
  expect(asEnvelope({ ok: true, data: { ticketNo: '261122-ABCDE' } })).toEqual({ ok: true, data: { ticketNo: '261122-ABCDE' } });
});

test('失败的信封保留错误码和服务端的中文提示', () => {
  const r = asEnvelope({ ok: false, error: { code: 'REPORT.TEXT_EMPTY', message: ERROR_MESSAGES['REPORT.TEXT_EMPTY'], field: 'text' } });
  expect(r).toEqual({ ok: false, error: { code: 'REPORT.TEXT_EMPTY', message: ERROR_MESSAGES['REPORT.TEXT_EMPTY'], field: 'text' } });
});

test('缺提示的错误用目录里的中文提示补上', () => {
  expect(asEnvelope({ ok: false, error: { code: 'TICKET.CLAIM_FULL' } })).toEqual({ ok: false, error: { code: 'TICKET.CLAIM_FULL', message: ERROR_MESSAGES['TICKET.CLAIM_FULL'] } });
});

test.each([null, undefined, '<html>502 Bad Gateway</html>', { hello: 1 }, { ok: false }])('看不懂的回答 %p 当作系统暂不可用', (body) => {
  expect(asEnvelope(body)).toEqual(unavailable());
  expect(unavailable()).toEqual({ ok: false, error: { code: 'SYSTEM.UNAVAILABLE', message: ERROR_MESSAGES['SYSTEM.UNAVAILABLE'] } });
});
