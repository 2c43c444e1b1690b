/**
 * 错误码与中文提示：所有可预期的失败都以稳定的错误码返回（跨网络传输，不可随意改名），
 * 每个错误码在下面的目录里必须有一条中文提示——缺一条，类型检查就不通过。
 */
export const ERROR_MESSAGES = {
  'REQUEST.INVALID': '提交的内容格式不对，请检查后再试。',
  'REQUEST.UNKNOWN_ACTION': '不支持这个操作。',
  'REQUEST.TOO_LARGE': '提交的内容太大了，请删减后再试。',
  'REQUEST.NOT_FOUND': '没有找到这个地址。',
  'REPORT.TEXT_EMPTY': '请写下您要反映的问题或建议。',
  'REPORT.TEXT_TOO_LONG': '内容太长了，请控制在 {maxTextLength} 字以内。',
  'REPORT.TOO_MANY_PHOTOS': '照片最多 {maxPhotos} 张。',
  'REPORT.PHOTO_INVALID': '照片无效或已过期，请重新选择。',
  'REPORT.PHOTO_TOO_LARGE': '照片太大了，请选择 {maxPhotoMB}MB 以内的照片。',
  'REPORT.PHONE_INVALID': '手机号格式不对，请填写 11 位手机号或座机号码。',
  'REPORT.CONTENT_BLOCKED': '内容包含不适宜公开的信息，请修改后再提交。',
  'REPORT.RATE_LIMITED': '您提交得太频繁了，请稍后再试。急事请直接拨打联络站电话。',
  'REPORT.STATION_BUSY': '这个联络站这一小时收到的反映特别多，请过一会儿再提交。急事请直接拨打联络站电话。',
  'REPORT.CLIENT_REQUEST_ID_INVALID': '页面已过期，请刷新后重新提交。',
  'STATION.NOT_FOUND': '没有找到这个联络站，请重新扫描站点二维码。',
  'STATION.DISABLED': '这个联络站暂停受理了。',
  'TICKET.NOT_FOUND': '没有找到这条反映。',
  'TICKET.VERSION_CONFLICT': '这条反映刚被别人更新过，请刷新后再试。',
  'TICKET.TRANSITION_NOT_ALLOWED': '这条反映当前的状态不能进行这个操作。',
  'TICKET.ALREADY_JOINED': '您已经表示过"我也遇到了"。',
  'TICKET.ME_TOO_RATE_LIMITED': '您这一小时点"我也遇到了"的次数太多了，请稍后再试。急事请直接拨打联络站电话。',
  'TICKET.OWN_TICKET': '这是您自己提交的反映，无需再点"我也遇到了"。',
  'TICKET.ALREADY_CLAIMED': '您已经接过这一单了。',
  'TICKET.CLAIM_FULL': '接单人数已满，可联系召集人增加名额。',
  'TICKET.NOT_CLAIMANT': '您没有接这一单。',
  'TICKET.ALREADY_RATED': '您已经评价过了。',
  'TICKET.MERGE_SELF': '不能把反映合并到它自己。',
  'TICKET.MERGE_TARGET_INVALID': '目标反映不存在、已结束或不属于同一个委员小组。',
  'TICKET.MEMBER_NOT_IN_GROUP': '所选委员不在这个委员小组。',
  'DEADLINE.ALREADY_EXTENDED': '这件事已经延期过一次了，不能再延期。',
  'DEADLINE.NOTHING_TO_EXTEND': '这件事没有办结期限，无需延期。',
  'FOLLOWUP.NOT_PENDING': '没有需要您回答的回访问题，可能已经答过了。',
  'FOLLOWUP.ANSWER_MISMATCH': '这个回答与问题对不上，请刷新后再选。',
  'ACTIONCHECK.NOT_PENDING': '没有需要您回答的回头督问题，可能已经答过了。',
  'DEV.LOCAL_ONLY': '只有本地演示模式可以调时钟、手动运行定时任务。',
  'DEV.UNTRUSTED': '本地演示服务只接受本机发来的调时钟请求。',
  'DEV.CLOCK_INVALID': '时间格式不对，请写成 2026-10-09T01:00:00Z 这样的 ISO 时间。',
  'DEV.UNKNOWN_ACTION': '不支持这个调试操作，只有 setClock 和 runScheduled。',
  'AUTH.NO_IDENTITY': '无法识别您的微信身份，请在微信中重新打开小程序。',
  'AUTH.FORBIDDEN': '您没有权限进行这个操作。',
  'AUTH.HEADER_IDENTITY_REFUSED': '仅本地演示模式允许通过请求头指定身份。',
  'AUTH.HEADER_IDENTITY_UNTRUSTED': '本地演示服务只接受本机发来的身份切换。要用别的设备演示，请在启动服务时设置 TRUST_IDENTITY_HEADER=true。',
  'MEMBER.INVITE_INVALID': '邀请码无效或已被使用，请向政协办公室确认。',
  'MEMBER.ALREADY_BOUND': '这个微信已经绑定了委员身份。',
  'MEMBER.NOT_BOUND': '请先用邀请码绑定委员身份。',
  'MEMBER.INVITE_EXPIRED': '邀请码已过期，请向政协办公室要一个新的。',
  'MEMBER.NOT_FOUND': '没有找到这位委员。',
  'MEMBER.NAME_MISSING': '请填写委员姓名。',
  'MEMBER.PHONE_INVALID': '电话格式不对，请填写 11 位手机号或带区号的座机号码。',
  'MEMBER.ROLE_INVALID': '身份只能是"委员"或"召集人"。',
  'MEMBER.INACTIVE': '这位委员已停用。',
  'MEMBER.NOT_ASSIGNABLE': '这位委员还没有绑定微信或已停用，不能分单给他。',
  'GROUP.NOT_FOUND': '没有找到这个委员小组。',
  'GROUP.NAME_TAKEN': '已经有同名的委员小组了。',
  'GROUP.WEBHOOK_INVALID': '企业微信机器人地址不对，应以 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key= 开头。',
  'STATION.NAME_TAKEN': '已经有同名的联络站了。',
  'IMPORT.GROUP_UNKNOWN': '这一行的委员小组不存在（请先建小组，或检查小组名称）。',
  'IMPORT.DUPLICATE_ROW': '这一行与前面的行重复（同一小组同名）。',
  'IMPORT.ALREADY_EXISTS': '这个小组里已经有同名的委员了。',
  'IMPORT.EMPTY': '没有读到任何一行，请从表格里复制姓名、小组、身份、电话、界别几列后粘贴。',
  'IMPORT.TOO_MANY_ROWS': '一次最多导入 500 行，请分批导入。',
  'ADMIN.NOT_ADMIN': '只有政协办管理员可以使用管理后台。',
  'ADMIN.SCOPE_EXCEEDED': '只能在您管理的小组范围内操作。',
  'ADMIN.CANNOT_DEACTIVATE_SELF': '不能停用自己。需要交接时，请另一位管理员来办。',
  'SETTINGS.INVALID': '设置的数值超出了允许的范围。',
  'FIGURES.PERIOD_INVALID': '统计的月份不对：起止月份要写成 2026-11 这样，起始不能晚于截止，最多 36 个月。',
  'FIGURES.NOT_ALLOWED': '只有政协办管理员和小组召集人可以看统计。',
  'UPLOAD.INVALID': '上传的文件无效，请选择 jpg 或 png 照片。',
  'UPLOAD.TOO_LARGE': '照片太大了，请选择 {maxPhotoMB}MB 以内的照片。',
  'UPLOAD.RATE_LIMITED': '您这一小时上传的照片太多了，请稍后再试。',
  'SYSTEM.UNAVAILABLE': '系统繁忙，请稍后再试。您填写的内容已保存在手机上。',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface AppError {
  code: ErrorCode;
  message: string;
  /** 可选：哪个字段出了问题，便于页面定位 */
  field?: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail<T = never>(code: ErrorCode, field?: string): Result<T> {
  return { ok: false, error: field ? { code, message: ERROR_MESSAGES[code], field } : { code, message: ERROR_MESSAGES[code] } };
}

/** 提示后面接上这一次的具体说明（如暂停的联络站写明"请到哪里去"） */
export function failWithDetail<T = never>(code: ErrorCode, detail: string): Result<T> {
  return { ok: false, error: { code, message: `${ERROR_MESSAGES[code]}${detail}` } };
}

/**
 * 有的提示带本县设置里的数字（{maxTextLength} 等占位）：云函数在回答前按本县设置填上，
 * 小程序表单自己校验时用同一个函数。没有的参数保留占位之外的文字。
 */
export function formatMessage(message: string, params: Record<string, string>): string {
  return message.replace(/\{(\w+)\}/g, (whole, key: string) => params[key] ?? whole);
}

export const hasPlaceholders = (message: string): boolean => /\{\w+\}/.test(message);

/** 把结果里的错误提示按参数填好（成功的结果原样返回） */
export function withMessageParams<T>(result: Result<T>, params: Record<string, string>): Result<T> {
  if (result.ok || !hasPlaceholders(result.error.message)) return result;
  return { ok: false, error: { ...result.error, message: formatMessage(result.error.message, params) } };
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code);
}

/** 暂停的联络站告诉居民去哪里：政协办写的说明，没写就请她联系政协办 */
export function stationPaused<T = never>(station: { pausedNotice?: string }): Result<T> {
  return failWithDetail('STATION.DISABLED', station.pausedNotice?.trim() || '请联系当地政协办公室。');
}
