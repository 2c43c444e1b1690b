/**
 * 管理后台的小部件：按钮、带出错提示的表单项、单选/多选的选项块、确认框、表格的行与格。
 * 出错提示放在出错的那一项下面（服务端和请求校验给出的 field），没有对应项的放在表单底部。
 */
import type { PropsWithChildren, ReactNode } from 'react';
import { Input, Text, Textarea, View } from '@tarojs/components';
import type { AppError } from '@shared/domain/errors';

export function Btn({
  children,
  onClick,
  kind = 'default',
  small = false,
  busy = false,
  testid,
}: PropsWithChildren<{ onClick: () => void; kind?: 'default' | 'primary' | 'danger' | 'plain'; small?: boolean; busy?: boolean; testid?: string }>) {
  const cls = ['adm-btn', kind !== 'default' ? `adm-btn--${kind}` : '', small ? 'adm-btn--small' : '', busy ? 'adm-btn--busy' : ''].filter(Boolean).join(' ');
  return (
    <View className={cls} role='button' aria-disabled={busy} data-testid={testid} onClick={() => !busy && onClick()}>
      {children}
    </View>
  );
}

/** 这个错误是不是说的这一项（请求校验给的 field 是路径，如 settings.maxPhotos、settings.residentCategories.0） */
export function isFieldError(error: AppError | null | undefined, name: string): boolean {
  return !!error?.field && error.field.split('.').includes(name);
}

/** 表单底部的错误：不属于表单里任何一项的 */
export function formLevelError(error: AppError | null, fields: readonly string[]): AppError | null {
  if (!error) return null;
  return fields.some((f) => isFieldError(error, f)) ? null : error;
}

export function Field({ label, name, error, hint, wide = false, children }: PropsWithChildren<{ label: ReactNode; name: string; error?: AppError | null; hint?: ReactNode; wide?: boolean }>) {
  const bad = isFieldError(error, name);
  return (
    <View className={`field ${wide ? 'field--wide' : ''} ${bad ? 'adm-field--bad' : ''}`} data-testid={`field-${name}`}>
      <View className='field__label'>{label}</View>
      {children}
      {hint && <View className='hint'>{hint}</View>}
      {bad && (
        <View className='adm-field-error' role='alert' data-testid={`error-${name}`}>
          {error!.message}
        </View>
      )}
    </View>
  );
}

export function TextInput({ value, onChange, testid, placeholder, maxlength = 200, type = 'text' }: { value: string; onChange: (v: string) => void; testid: string; placeholder?: string; maxlength?: number; type?: 'text' | 'number' }) {
  return <Input className='field-input' data-testid={testid} type={type} value={value} maxlength={maxlength} placeholder={placeholder} onInput={(e) => onChange(e.detail.value)} />;
}

export function TextArea({ value, onChange, testid, placeholder, maxlength = 1000 }: { value: string; onChange: (v: string) => void; testid: string; placeholder?: string; maxlength?: number }) {
  return <Textarea className='field-textarea' data-testid={testid} value={value} maxlength={maxlength} placeholder={placeholder} autoHeight onInput={(e) => onChange(e.detail.value)} />;
}

export interface Option<T extends string> {
  value: T;
  label: string;
}

/** 单选：一排选项块（比下拉框好点，也看得全） */
export function Choices<T extends string>({ options, value, onChange, testid }: { options: ReadonlyArray<Option<T>>; value: T | null; onChange: (v: T) => void; testid: string }) {
  return (
    <View className='adm-chips' data-testid={testid}>
      {options.map((o) => (
        <View key={o.value} className={`adm-chip ${o.value === value ? 'adm-chip--on' : ''}`} role='radio' aria-checked={o.value === value} data-testid={`${testid}-option`} onClick={() => onChange(o.value)}>
          {o.label}
        </View>
      ))}
    </View>
  );
}

/** 多选：每个选项是一个开关块 */
export function Toggles<T extends string>({ options, value, onChange, testid }: { options: ReadonlyArray<Option<T>>; value: readonly T[]; onChange: (v: T[]) => void; testid: string }) {
  const flip = (v: T) => onChange(value.includes(v) ? value.filter((x) => x !== v) : [...value, v]);
  return (
    <View className='adm-chips' data-testid={testid}>
      {options.map((o) => {
        const on = value.includes(o.value);
        return (
          <View key={o.value} className={`adm-chip ${on ? 'adm-chip--on' : ''}`} role='checkbox' aria-checked={on} data-testid={`${testid}-option`} onClick={() => flip(o.value)}>
            {on ? '✓ ' : ''}
            {o.label}
          </View>
        );
      })}
    </View>
  );
}

/** 就地确认：不弹窗，写清楚后果，两个大按钮 */
export function Confirm({ children, confirmLabel, onConfirm, onCancel, busy, danger = false }: PropsWithChildren<{ confirmLabel: string; onConfirm: () => void; onCancel: () => void; busy?: boolean; danger?: boolean }>) {
  return (
    <View className='adm-warn' data-testid='confirm'>
      <View>{children}</View>
      <View className='adm-actions'>
        <Btn kind={danger ? 'danger' : 'primary'} busy={busy} onClick={onConfirm} testid='confirm-yes'>
          {confirmLabel}
        </Btn>
        <Btn kind='plain' onClick={onCancel} testid='confirm-no'>
          取消
        </Btn>
      </View>
    </View>
  );
}

/** 表头：只在宽屏显示 */
export function TableHead({ cells }: { cells: Array<{ label: string; cls?: string }> }) {
  return (
    <View className='adm-table__head'>
      {cells.map((c) => (
        <View key={c.label} className={`adm-cell ${c.cls ?? ''}`}>
          {c.label}
        </View>
      ))}
    </View>
  );
}

/** 一格：手机上前面带小标题 */
export function Cell({ label, cls = '', children, testid }: PropsWithChildren<{ label: string; cls?: string; testid?: string }>) {
  return (
    <View className={`adm-cell ${cls}`} data-testid={testid}>
      <Text className='adm-cell__label'>{label}</Text>
      {children}
    </View>
  );
}

export function Pill({ kind, children, testid }: PropsWithChildren<{ kind?: 'ok' | 'warn' | 'off'; testid?: string }>) {
  return (
    <Text className={`adm-pill ${kind ? `adm-pill--${kind}` : ''}`} data-testid={testid}>
      {children}
    </Text>
  );
}

export function Notice({ children, testid = 'notice' }: PropsWithChildren<{ testid?: string }>) {
  return (
    <View className='notice' data-testid={testid} role='status'>
      {children}
    </View>
  );
}

/**
 * 必填项空着时，请求校验只说"格式不对"（REQUEST.INVALID）：就地说清楚是哪一项没填。
 * 错误码不变，其他错误原样显示服务端的提示。
 */
export function explainMissing(error: AppError, values: Record<string, unknown>, messages: Record<string, string>): AppError {
  const field = error.field;
  if (error.code !== 'REQUEST.INVALID' || !field || !(field in messages)) return error;
  const v = values[field];
  if (typeof v === 'string' && v.trim() === '') return { ...error, message: messages[field]! };
  return error;
}

/** 编辑表单底部的"保存 / 取消"：三个管理页一样的一排按钮 */
export function SaveCancel({ saving, testid, onSave, onCancel }: { saving: boolean; testid: string; onSave: () => void; onCancel: () => void }) {
  return (
    <View className='adm-actions'>
      <Btn kind='primary' busy={saving} testid={testid} onClick={onSave}>
        {saving ? '正在保存…' : '保存'}
      </Btn>
      <Btn kind='plain' onClick={onCancel}>
        取消
      </Btn>
    </View>
  );
}
