/** 分句与语气：不加标点的长句也能按小句判断否定、过去和假设。 */
import { compactWordSpaced, moodOf, quoteAround, splitClauses } from '../../../shared/triage/clauses';

describe('分句', () => {
  test('句末标点分句，逗号和空格分小句，记下在原文里的位置', () => {
    const text = '标题一\n正文，第二句。 第三 句！！';
    const cs = splitClauses(text);
    expect(cs.map((c) => c.text)).toEqual(['标题一', '正文', '第二句', '第三', '句']);
    expect(cs.map((c) => c.sentence)).toEqual([0, 1, 1, 2, 2]);
    for (const c of cs) expect(text.slice(c.start, c.start + c.text.length)).toBe(c.text);
  });
});

describe('语音输入和一个词一个空格的写法', () => {
  test('每说几个字一个句号的语音输入：句号只是停顿，不分句', () => {
    const cs = splitClauses('就是说。水库那个坝脚下。今天早上湿了一大片。一直在渗水。');
    expect(cs.map((c) => c.text)).toEqual(['就是说', '水库那个坝脚下', '今天早上湿了一大片', '一直在渗水']);
    expect(new Set(cs.map((c) => c.sentence)).size).toBe(1);
  });
  test('平常的几句话照样按句号分句', () => {
    const cs = splitClauses('三栋楼道里有很重的煤气味。物业电话一直打不通。请尽快派人来看看。');
    expect(cs.map((c) => c.sentence)).toEqual([0, 1, 2]);
  });
  test.each([
    ['我们 楼 电梯 今天 掉下去 两层 里面 有人', '我们楼电梯今天掉下去两层里面有人'],
    ['防洪墙 裂缝 在 冒水\n河边 那段 墙 下面 水 一直 出来', '防洪墙裂缝在冒水\n河边那段墙下面水一直出来'],
    ['我屋后坎子垮了一截 泥巴堆到窗户边上了 雨还在下', '我屋后坎子垮了一截 泥巴堆到窗户边上了 雨还在下'],
    ['电梯坏了 物业不管', '电梯坏了 物业不管'],
  ])('「%s」去掉词间空格后是「%s」（按停顿加的空格不动）', (text, want) => {
    expect(compactWordSpaced(text)).toBe(want);
  });
});

describe('语气', () => {
  const mood = (text: string, term: string) => {
    const cs = splitClauses(text);
    const i = cs.findIndex((c) => c.text.includes(term));
    return moodOf(cs, i, cs[i]!.text.indexOf(term), term.length).kind;
  };
  test.each([
    ['没有漏气', '漏气', 'negated'],
    ['冇得漏气', '漏气', 'negated'],
    ['万一着火了怎么办', '着火', 'hypothetical'],
    ['煤气味好重我担心是管道漏了', '煤气味', 'present'],
    ['我担心是管道漏了', '管道漏了', 'hypothetical'],
    ['存在火灾隐患', '火灾', 'hypothetical'],
    ['2008年垮塌', '垮塌', 'past'],
    ['2019年7月9日塘坑倒塌几米长', '倒塌', 'present'],
    ['以前这个配电箱着过火，现在已经修好了', '着过火', 'past'],
    ['电梯困了人 当天就救出来了', '困了人', 'resolved'],
    ['墙上的缝去年补过现在又裂开了', '裂开', 'present'],
  ] as const)('「%s」里的「%s」：%s', (text, term, kind) => {
    expect(mood(text, term)).toBe(kind);
  });
});

describe('理由里的原话', () => {
  test('短的小句整句引用', () => {
    expect(quoteAround('村后山坡出现裂缝', 2, 6)).toBe('村后山坡出现裂缝');
  });
  test('长的小句按词截取，不从词中间断开', () => {
    const q = quoteAround('我们这边的老房子屋后头那个挡土墙裂了好大一条口子上面就是五六户人家的房子', 14, 5);
    expect(q.length).toBeLessThanOrEqual(26);
    expect(q).toContain('挡土墙');
  });
});
