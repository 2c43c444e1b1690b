/** 醒目的中文出错提示，留在页面上直到下一次操作（老年用户来不及看转瞬即逝的 toast）。 */
import { Text, View } from '@tarojs/components';
import type { AppError } from '@shared/domain/errors';

export default function ErrorNote({ error }: { error: AppError | null | undefined }) {
  if (!error) return null;
  return (
    <View className='error-note' data-testid='error' role='alert'>
      <Text>{error.message}</Text>
    </View>
  );
}
