/**
 * 邀请条：每位委员一张，印姓名、小组、邀请码、有效期和绑定的三步，A4 纸上一页排 6 张，沿虚线剪开发给委员。
 * ?member=<id> 印一位（从委员名单来）；?from=import 印刚导入的一批。
 */
import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { AppError } from '@shared/domain/errors';
import ErrorNote from '../../../components/error-note';
import { formatDate } from '../../../services/format';
import AdminShell from '../components/admin-shell';
import { Btn } from '../components/ui';
import { admin } from '../services/admin-api';
import { canPrint, printPage } from '../services/print';
import { forgetSlips, rememberedSlips, slipOf, type Slip } from '../services/slips';
import './index.css';

export const BIND_STEPS = ['用微信扫本组任一联络站海报上的码，打开"码上提"。', '点页面最下方的"委员入口"。', '输入下面的邀请码，点"绑定"。以后打开就能看到本组的反映。'];

export default function SlipsPage() {
  const { params } = useRouter();
  const [slips, setSlips] = useState<Slip[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    if (params.from === 'import') return setSlips(rememberedSlips());
    if (!params.member) return setSlips([]);
    admin.listMembers().then((r) => {
      if (!r.ok) return setError(r.error);
      const m = r.data.items.find((x) => x.id === params.member);
      const slip = m ? slipOf(m) : null;
      setSlips(slip ? [slip] : []);
    });
  }, [params.from, params.member]);

  return (
    <AdminShell section='members' title='打印邀请条' lead='每张条子沿虚线剪开，当面交给委员本人。邀请码只能绑定一次。'>
      <ErrorNote error={error} />
      {slips === null && !error && <View className='loading'>正在加载…</View>}
      {slips?.length === 0 && <View className='empty'>没有可以打印的邀请码（已绑定、已过期或已作废的不印）。请到"委员"页发邀请码。</View>}
      {slips && slips.length > 0 && (
        <View className='adm-actions adm-noprint'>
          <Btn kind='primary' testid='print' onClick={printPage}>
            打印（{slips.length} 张）
          </Btn>
          {params.from === 'import' && (
            <Btn
              kind='plain'
              onClick={() => {
                forgetSlips();
                setSlips([]);
              }}
            >
              打印好了，清掉这一批
            </Btn>
          )}
          {!canPrint && <View className='hint'>微信里不能直接打印：请在电脑上打开管理后台的这一页打印。</View>}
        </View>
      )}
      <View className='slips'>
        {slips?.map((s) => (
          <View key={s.code} className='slip' data-testid='slip'>
            <View className='slip__title'>码上提 · 委员邀请条</View>
            <View className='slip__name'>
              {s.name} 委员
              {s.groups.length > 0 && <View className='slip__groups'>{s.groups.join('、')}</View>}
            </View>
            <View className='slip__code' data-testid='slip-code'>
              {s.code}
            </View>
            <View className='slip__expiry'>{s.expiresAt ? `${formatDate(s.expiresAt)}前有效` : ''}，只能绑定一次，请勿转给他人</View>
            {BIND_STEPS.map((t, i) => (
              <View key={t} className='slip__step'>
                {i + 1}. {t}
              </View>
            ))}
          </View>
        ))}
      </View>
    </AdminShell>
  );
}
