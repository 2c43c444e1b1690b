/** 模型文件第 2 版的紧凑存法：字典树词表、稀疏 int8 权重，编码后解码得回原样。 */
import { CodecError, decodeSparseInt8, decodeVocabTrie, encodeSparseInt8, encodeVocabTrie } from '../../../shared/triage/model-codec';
import { seededRandom } from '../../../shared/triage/training/random';

describe('词表字典树', () => {
  test('前缀不在词表里、长拉丁词退回多层、标题前缀，都原样解回', () => {
    const terms = ['0', '0https', '0一个', '^停车', '^停车难', 'abcdefghijkl', 'abcdefghijkl路', '停车位', '路灯', '路灯坏', '龚'].sort();
    const { units, trie } = encodeVocabTrie(terms);
    expect(decodeVocabTrie(units, trie).split('\n')).toEqual(terms);
    // 每个用到的字只在字表里出现一次
    expect(new Set(units).size).toBe(units.length);
  });

  test('随机词表往返', () => {
    const rand = seededRandom(3);
    const alphabet = '路灯停车噪音学校医院工资0ab^';
    const set = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const n = 1 + Math.floor(rand() * 5);
      let t = '';
      for (let j = 0; j < n; j++) t += alphabet[Math.floor(rand() * alphabet.length)];
      set.add(t);
    }
    const terms = [...set].sort();
    const { units, trie } = encodeVocabTrie(terms);
    expect(decodeVocabTrie(units, trie).split('\n')).toEqual(terms);
  });

  test('没排序的词表不收', () => {
    expect(() => encodeVocabTrie(['路灯', '停车'])).toThrow(CodecError);
    expect(() => encodeVocabTrie(['停车', '停车'])).toThrow(CodecError);
  });

  test('空词表', () => {
    const { units, trie } = encodeVocabTrie([]);
    expect(decodeVocabTrie(units, trie)).toBe('');
  });
});

describe('稀疏 int8 权重', () => {
  test.each([7, 9])('%i 个类别：零、±7 以内、更大的值都原样解回', (K) => {
    const rand = seededRandom(K);
    const F = 300;
    const q = Int8Array.from({ length: F * K }, () => {
      const r = rand();
      return r < 0.7 ? 0 : r < 0.95 ? Math.round((rand() - 0.5) * 14) : Math.round((rand() - 0.5) * 254);
    });
    const enc = encodeSparseInt8(q, K);
    expect(enc.mask).toHaveLength(F * Math.ceil(K / 8));
    const back = new Int8Array(F * K);
    decodeSparseInt8(F, K, enc.mask, enc.nibbles, enc.wide, (i, v) => (back[i] = v));
    expect(Array.from(back)).toEqual(Array.from(q));
  });

  test('多出来的宽值被发现', () => {
    const enc = encodeSparseInt8(Int8Array.from([0, 100, -3, 0]), 2);
    expect(() => decodeSparseInt8(2, 2, enc.mask, enc.nibbles, Uint8Array.from([...enc.wide, 1]), () => {})).toThrow('wide：多出 1 个值');
  });
});
