/**
 * Notices in the user's language. The engine writes each notice in English with its specifics (sizes, paths);
 * the shells show a notice by its code: a short title (`file-too-large`: "file too large") and, in Chinese, a
 * sentence per code that says what was skipped and what to do, followed by nothing of the English text.
 */
import type { Notice, NoticeCode } from '../engine/findings/finding';
import type { Locale } from '../engine/rule-api';

export const NOTICE_TITLES: Readonly<Record<Locale, Readonly<Record<NoticeCode, string>>>> = {
  en: {
    'file-too-large': 'file too large',
    'binary-file': 'binary file',
    'broken-symlink': 'broken symbolic link',
    'symlink-loop': 'symbolic link loop',
    'unreadable-file': 'unreadable file',
    'file-vanished': 'file vanished',
    'tsconfig-error': 'tsconfig error',
    'budget-exceeded': 'analysis budget exceeded',
    'internal-error': 'internal error',
    'cache-error': 'cache error',
    'config-error': 'configuration error',
  },
  'zh-CN': {
    'file-too-large': '文件过大',
    'binary-file': '二进制文件',
    'broken-symlink': '失效的符号链接',
    'symlink-loop': '符号链接循环',
    'unreadable-file': '文件无法读取',
    'file-vanished': '文件已消失',
    'tsconfig-error': 'tsconfig 错误',
    'budget-exceeded': '分析预算已用尽',
    'internal-error': '内部错误',
    'cache-error': '缓存错误',
    'config-error': '配置错误',
  },
};

const ZH_MESSAGES: Readonly<Record<NoticeCode, string>> = {
  'file-too-large': '已跳过：文件大于 maxFileSize 限制（默认 2 MiB）。如需检查，请在 piilint.config.json 中调高 "maxFileSize"；如果是生成的文件，请将其加入 "ignore"。',
  'binary-file': '已跳过：这是二进制文件（例如视频片段），不是源代码。可将其加入 piilint.config.json 的 "ignore" 以消除此提示。',
  'broken-symlink': '已跳过：符号链接指向不存在的目标。请修复或删除该链接。',
  'symlink-loop': '已跳过：符号链接指回其上级文件夹，piilint 不会跟随。请删除该链接，或将其加入 "ignore"。',
  'unreadable-file': '已跳过：文件或文件夹无法读取（例如没有权限），或是不受支持的文件类型。请检查权限，或将其加入 "ignore"。',
  'file-vanished': '已跳过：piilint 运行期间文件被删除或移动。请重新运行 piilint 以检查它。',
  'tsconfig-error': 'tsconfig 无法读取或无效，已改用默认编译选项。请修复该 tsconfig。',
  'budget-exceeded': '数据流分析预算已用尽，依赖更深调用链或递归的问题可能未被发现。使用 --debug 运行可查看详情。',
  'internal-error': 'piilint 分析此文件时出现内部错误；文件的其余部分和项目其他文件已分析。请使用 --debug 运行，并尽可能连同该文件一起报告此问题。',
  'cache-error': '缓存无法写入，下次运行将重新分析全部文件。请检查缓存文件夹是否可写。',
  'config-error': '此配置文件无法加载，其下的路径未被检查。请修复该配置文件。',
};

/** The notice's text in the locale (the engine's own English text in English). */
export function noticeMessage(notice: Notice, locale: Locale): string {
  return locale === 'en' ? notice.message : ZH_MESSAGES[notice.code];
}
