/**
 * findings/localize-reach.ts: the words of a reach in Chinese. Model descriptions through the rule's table (exact
 * keys and `{{name}}` templates), the frames the dataflow builds around them, and the step phrases; code stays as
 * it is, and what the module does not know stays in English.
 */
import { describe, expect, it } from 'vitest';
import { ReachLocalizer, plainText, translateDescription } from '../../server/src/engine/findings/localize-reach';

const TABLE = {
  'ID-document number': '证件号码',
  'file write ({{library}})': '文件写入（{{library}}）',
  'upload to {{bucket}} by {{client}}': '由 {{client}} 上传到 {{bucket}}',
};

describe('localize-reach', () => {
  const zh = new ReachLocalizer('zh-CN', TABLE);

  it('translates exact keys and templates, carrying the placeholders over', () => {
    expect(translateDescription(TABLE, 'ID-document number')).toBe('证件号码');
    expect(translateDescription(TABLE, 'file write (fs/promises)')).toBe('文件写入（fs/promises）');
    expect(translateDescription(TABLE, 'upload to faces by oss')).toBe('由 oss 上传到 faces');
    expect(translateDescription(TABLE, 'file write ()')).toBeUndefined();
    expect(translateDescription(TABLE, 'disk write (fs)')).toBeUndefined();
  });

  it('translates the frames around a description, keeping the code', () => {
    expect(zh.description('ID-document number, name `idCardNo`')).toBe('证件号码，名称 `idCardNo`');
    expect(zh.description('ID-document number, name `sfzh`, read from this object on line 12')).toBe('证件号码，名称 `sfzh`，在第 12 行从此对象读取');
    expect(zh.description('ID-document number (validated by `isIdCard`)')).toBe('证件号码（由 `isIdCard` 校验）');
    expect(zh.description('ID-document number (field `owner.idNo` of CustomerDto)')).toBe('证件号码（CustomerDto 的字段 `owner.idNo`）');
    expect(zh.description('something new, name `x`')).toBe('something new，名称 `x`');
    expect(zh.description('something new')).toBe('something new');
  });

  it('translates path steps, and leaves English in English', () => {
    expect(zh.step('assigned to dedupeKey')).toBe('赋值给 dedupeKey');
    expect(zh.step('reaches file write (fs)')).toBe('到达 文件写入（fs）');
    expect(zh.step('FaceService.enrol called without a consent check')).toBe('调用 FaceService.enrol 之前未校验同意');
    expect(new ReachLocalizer('en', TABLE).step('reaches file write (fs)')).toBe('reaches file write (fs)');
  });

  it('answers at once on a long description that no frame matches (no quadratic search)', () => {
    const long = `${' (field `'.repeat(20_000)}x`;
    const started = Date.now();
    expect(zh.description(long)).toBe(long);
    expect(zh.description(`${', name `'.repeat(20_000)}`)).toBe(`${', name `'.repeat(20_000)}`);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('writes code spans as quotes, and joins Chinese words a template spaced apart', () => {
    expect(plainText("name `idCardNo` reaches `console`")).toBe("name 'idCardNo' reaches 'console'");
    expect(plainText('由 文件写入 存储', 'zh-CN')).toBe('由文件写入存储');
    expect(plainText('进入了 NestJS 日志', 'zh-CN')).toBe('进入了 NestJS 日志');
  });
});
