/**
 * 模型文件第 2 版的紧凑存法（格式说明见 ./model-file）：词表字典树、稀疏的 int8 权重。
 * 编码（训练时写）和解码（线上读）放在一起，两边一定一起改；编码只用到纯计算，不引入训练代码。
 * 存的数值与第 1 版逐个相同，换存法不改变任何一次打分。
 */

/** 解码出错时抛的错误（调用方加上字段名）。 */
export class CodecError extends Error {}

function pushVarint(out: number[], v: number): void {
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/**
 * 词表 → 字典树。terms 必须按 JS 字符串顺序排好、无重复（训练的 buildVocab 就是这样排的），
 * 这样前序遍历的特征顺序就是 terms 的顺序，特征下标不变。
 */
export function encodeVocabTrie(terms: readonly string[]): { units: string; trie: Uint8Array } {
  for (let i = 1; i < terms.length; i++)
    if (!(terms[i - 1] < terms[i])) throw new CodecError(`词表须按字典序排好且不重复：「${terms[i - 1]}」「${terms[i]}」`);
  // 先列出节点：(字, 退回层数, 是否特征)
  const nodes: Array<{ ch: string; pop: number; feature: boolean }> = [];
  let prev = '';
  for (const t of terms) {
    if (t.length === 0) throw new CodecError('词表里不能有空串');
    let l = 0;
    while (l < prev.length && l < t.length && prev.charCodeAt(l) === t.charCodeAt(l)) l++;
    // l 之后的中间前缀一定不是特征（否则它会排在 prev 与 t 之间）
    for (let d = l; d < t.length; d++) nodes.push({ ch: t[d], pop: d === l ? prev.length - l : 0, feature: d === t.length - 1 });
    prev = t;
  }
  const freq = new Map<string, number>();
  for (const n of nodes) freq.set(n.ch, (freq.get(n.ch) ?? 0) + 1);
  const units = [...freq.keys()].sort((a, b) => freq.get(b)! - freq.get(a)! || (a < b ? -1 : 1));
  const rank = new Map(units.map((u, i) => [u, i]));
  const out: number[] = [];
  for (const n of nodes) {
    pushVarint(out, rank.get(n.ch)! * 8 + (n.feature ? 4 : 0) + Math.min(n.pop, 3));
    if (n.pop >= 3) pushVarint(out, n.pop - 3);
  }
  return { units: units.join(''), trie: Uint8Array.from(out) };
}

/** 字典树 → 以 \n 连接的词表（./model 的 buildVocabTable 直接用这个串）。逐个码元写进缓冲区再整块转成字符串，不为每个词建串。 */
export function decodeVocabTrie(units: string, trie: Uint8Array): string {
  let buf = new Uint16Array(Math.max(16, trie.length * 4));
  let o = 0;
  const path = new Uint16Array(64);
  let depth = 0;
  let i = 0;
  const readVarint = (): number => {
    let v = 0;
    let mul = 1;
    for (;;) {
      if (i >= trie.length) throw new CodecError('字典树在变长整数中间截断');
      const b = trie[i++];
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
    }
  };
  while (i < trie.length) {
    const v = readVarint();
    let pop = v & 3;
    if (pop === 3) pop += readVarint();
    const u = Math.floor(v / 8);
    if (u >= units.length) throw new CodecError(`字典树的字序号 ${u} 超出字表（${units.length} 个字）`);
    if (pop > depth) throw new CodecError(`字典树退回 ${pop} 层，但当前只有 ${depth} 层`);
    depth -= pop;
    if (depth >= path.length) throw new CodecError('字典树太深');
    path[depth++] = units.charCodeAt(u);
    if (v & 4) {
      if (o + depth + 1 > buf.length) {
        const bigger = new Uint16Array(buf.length * 2);
        bigger.set(buf);
        buf = bigger;
      }
      if (o > 0) buf[o++] = 10;
      for (let d = 0; d < depth; d++) buf[o++] = path[d];
    }
  }
  const chunks: string[] = [];
  for (let s = 0; s < o; s += 8192) chunks.push(String.fromCharCode.apply(null, buf.subarray(s, Math.min(o, s + 8192)) as unknown as number[]));
  return chunks.join('');
}

/** 行主序 int8 权重（q ∈ [-127, 127]，F × K）→ 掩码、半字节、宽值三段。 */
export function encodeSparseInt8(q: Int8Array | number[], K: number): { mask: Uint8Array; nibbles: Uint8Array; wide: Uint8Array } {
  const F = q.length / K;
  const mb = Math.ceil(K / 8);
  const mask = new Uint8Array(F * mb);
  const nib: number[] = [];
  const wide: number[] = [];
  for (let f = 0; f < F; f++)
    for (let k = 0; k < K; k++) {
      const v = q[f * K + k];
      if (v === 0) continue;
      mask[f * mb + (k >> 3)] |= 1 << (k & 7);
      if (v >= -7 && v <= 7) nib.push(v + 8);
      else {
        nib.push(0);
        wide.push(v & 0xff);
      }
    }
  const nibbles = new Uint8Array(Math.ceil(nib.length / 2));
  for (let j = 0; j < nib.length; j++) nibbles[j >> 1] |= j & 1 ? nib[j] : nib[j] << 4;
  return { mask, nibbles, wide: Uint8Array.from(wide) };
}

/** 三段 → 行主序 int8 权重（F × K），每个值都调用 put(下标, q)。 */
export function decodeSparseInt8(F: number, K: number, mask: Uint8Array, nibbles: Uint8Array, wide: Uint8Array, put: (i: number, q: number) => void): void {
  const mb = Math.ceil(K / 8);
  if (mask.length !== F * mb) throw new CodecError(`mask：解出 ${mask.length} 字节，应为 特征数 ${F} × ${mb} = ${F * mb}`);
  let j = 0;
  let w = 0;
  for (let f = 0; f < F; f++)
    for (let k = 0; k < K; k++) {
      if (!(mask[f * mb + (k >> 3)] & (1 << (k & 7)))) continue;
      if (j >> 1 >= nibbles.length) throw new CodecError('nibbles：非零值比掩码标出的少');
      const n = j & 1 ? nibbles[j >> 1] & 15 : nibbles[j >> 1] >> 4;
      j++;
      let v: number;
      if (n === 0) {
        if (w >= wide.length) throw new CodecError('wide：宽值比半字节里标出的少');
        v = wide[w++];
        v = v > 127 ? v - 256 : v;
      } else v = n - 8;
      put(f * K + k, v);
    }
  if ((j + 1) >> 1 !== nibbles.length) throw new CodecError(`nibbles：多出 ${nibbles.length - ((j + 1) >> 1)} 字节`);
  if (w !== wide.length) throw new CodecError(`wide：多出 ${wide.length - w} 个值`);
}
