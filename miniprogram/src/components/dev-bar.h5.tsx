/**
 * 本地演示的身份切换条：显示"现在以谁的身份在用"，可切换为演示县的居民、委员、召集人、管理员，
 * 或输入任意 openid。只在 h5 构建里存在。
 */
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { DEMO_IDENTITIES, currentOpenid, identityLabel, isValidOpenid, switchIdentity } from '../services/identity.h5';
import './dev-bar.css';

export default function DevBar() {
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState('');
  const openid = currentOpenid();

  return (
    <View className='dev-bar' data-testid='dev-bar'>
      <View className='dev-bar__row'>
        <Text className='dev-bar__label'>本地演示 · 当前身份：</Text>
        <Text className='dev-bar__who' data-testid='current-identity'>
          {identityLabel(openid)}（{openid}）
        </Text>
        <View className='dev-bar__toggle' data-testid='switch-identity' onClick={() => setOpen(!open)}>
          {open ? '收起' : '切换身份'}
        </View>
      </View>
      {open && (
        <View className='dev-bar__panel'>
          <View className='dev-bar__choices'>
            {DEMO_IDENTITIES.map((d) => (
              <View
                key={d.openid}
                className={`dev-bar__choice ${d.openid === openid ? 'dev-bar__choice--on' : ''}`}
                data-testid={`identity-${d.openid}`}
                onClick={() => switchIdentity(d.openid)}
              >
                {d.label}
              </View>
            ))}
          </View>
          <View className='dev-bar__custom'>
            <Input
              className='dev-bar__input'
              value={custom}
              placeholder='或输入 openid'
              onInput={(e) => setCustom(e.detail.value.trim())}
            />
            <View className={`dev-bar__choice ${isValidOpenid(custom) ? '' : 'dev-bar__choice--off'}`} onClick={() => isValidOpenid(custom) && switchIdentity(custom)}>
              使用
            </View>
          </View>
        </View>
      )}
    </View>
  );
}
