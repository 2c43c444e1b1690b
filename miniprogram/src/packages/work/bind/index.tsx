/**
 * 委员、召集人第一次使用：输入政协办公室发的邀请码，把微信和委员档案绑定。只需一次。
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { AppError } from '@shared/domain/errors';
import PageShell from '../../../components/page-shell';
import ErrorNote from '../../../components/error-note';
import { work } from '../../../services/api';
import { PAGES, replace } from '../../../services/nav';
import { rememberWhoami } from '../services/session';

export default function BindPage() {
  const [code, setCode] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function bind() {
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await work.bindMember(code.trim());
    setBusy(false);
    if (!r.ok) return setError(r.error);
    rememberWhoami(r.data);
    Taro.showToast({ title: '绑定成功', icon: 'success' });
    // 工作台顶部会显示"姓名 · 小组 身份"，不必再弹窗让人多点一下
    replace(PAGES.workQueue);
  }

  return (
    <PageShell>
      <View className='card'>
        <View className='card__title'>委员、召集人请先绑定</View>
        <View>请输入政协办公室发给您的邀请码。绑定一次即可，以后打开就能看到本组的反映。</View>
      </View>
      <View className='field'>
        <View className='field__label'>邀请码</View>
        <Input className='field-input' data-testid='invite-code' value={code} maxlength={32} placeholder='如：JL3-2024' onInput={(e) => setCode(e.detail.value)} />
      </View>
      <ErrorNote error={error} />
      <Button type='primary' size='large' block loading={busy} onClick={bind}>
        绑定
      </Button>
      <View className='hint'>没有邀请码？请联系县（区）政协办公室。居民反映问题不需要绑定。</View>
    </PageShell>
  );
}
