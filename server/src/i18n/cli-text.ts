/**
 * Every sentence the CLI itself prints, in English and Chinese (the findings' messages come from the rules, the
 * notices' from notice-text.ts). `CliText` is one interface that both catalogs implement, so a string added to
 * one language and not the other does not compile; test/cli/cli-text.test.ts checks that every Chinese string is
 * Chinese. Which language: `--locale`, else the config's, else `LC_ALL`/`LC_MESSAGES`/`LANG` (`auto`); before the
 * config is read (usage errors, help), `--locale` or the environment.
 */
import type { NoticeCode } from '../engine/findings/finding';
import type { Locale } from '../engine/rule-api';
import { NOTICE_TITLES } from './notice-text';

export interface CliText {
  readonly severity: Readonly<Record<'error' | 'warning' | 'info', string>>;
  noticeTitle(code: NoticeCode): string;
  noSuchPath(given: string, absolute: string): string;
  removedTempFiles(count: number, files: string): string;
  incompleteRun(isInternalError: boolean): string;
  tooManyWarnings(count: number, max: number): string;
  fixesApplied(fixes: number, files: number): string;
  fixesSkipped(count: number): string;
  notFixed(file: string, message: string, reason: string): string;
  internalError(message: string, isDebug: boolean, issuesUri: string): string;
  usageError(message: string, helpCommand: string): string;
  cacheLocationNeedsCache: string;
  stdinNeedsFilename: string;
  stdinWithPaths: string;
  stdinWithFix: string;
  stdinFileMissing(given: string, absolute: string): string;
  outputWritten(format: string, file: string): string;
  baselineNotWritten(file: string): string;
  baselineWritten(file: string, entries: number, change?: { readonly kept: number; readonly added: number; readonly removed: number }): string;
  baselinePruned(removed: number, file: string, left: number): string;
  baselineParseErrors(count: number): string;
  sarifMerged(inputs: number, output: string, results: number, rules: number): string;
  /** Descriptions in `piilint --help`. */
  readonly help: Readonly<Record<HelpKey, string>>;
  readonly helpAfter: string;
}

export type HelpKey =
  | 'program'
  | 'paths'
  | 'format'
  | 'output'
  | 'outputFormat'
  | 'config'
  | 'maxWarnings'
  | 'fix'
  | 'quiet'
  | 'color'
  | 'noColor'
  | 'printConfig'
  | 'locale'
  | 'baseline'
  | 'changedSince'
  | 'shard'
  | 'cache'
  | 'cacheLocation'
  | 'stdin'
  | 'stdinFilename'
  | 'debug'
  | 'version'
  | 'help';

const plural = (count: number, noun: string, nounPlural = `${noun}s`): string => `${count} ${count === 1 ? noun : nounPlural}`;

const EN: CliText = {
  severity: { error: 'error', warning: 'warning', info: 'info' },
  noticeTitle: (code) => NOTICE_TITLES.en[code],
  noSuchPath: (given, absolute) => `No such file or folder: ${given} (looked for ${absolute}). Check the path, or quote a glob so that the shell does not expand it.`,
  removedTempFiles: (count, files) => `piilint: removed ${plural(count, 'temporary file')} left by an interrupted --fix: ${files}.`,
  incompleteRun: (isInternalError) =>
    `piilint: some files were not checked because of ${isInternalError ? 'an internal error (see the internal-error notices above)' : 'a config error (see the config-error notices above)'}, so the run fails.`,
  tooManyWarnings: (count, max) => `piilint: ${count} warnings found, more than --max-warnings ${max} allows.`,
  fixesApplied: (fixes, files) => `piilint: applied ${plural(fixes, 'fix', 'fixes')} in ${plural(files, 'file')}.`,
  fixesSkipped: (count) => `piilint: skipped ${plural(count, 'fix', 'fixes')} that overlapped another; run piilint --fix again to apply ${count === 1 ? 'it' : 'them'}.`,
  notFixed: (file, message, reason) => `piilint: not fixed: ${file}: ${message} (${reason}).`,
  internalError: (message, isDebug, issuesUri) =>
    isDebug
      ? `piilint: internal error: ${message}. Please report it at ${issuesUri} with the output below.`
      : `piilint: internal error: ${message}. Run again with --debug to see the stack trace.`,
  usageError: (message, helpCommand) => `piilint: ${/[.!?]$/.test(message) ? message : `${message}.`} Run \`${helpCommand}\` for the options.`,
  cacheLocationNeedsCache: 'piilint: --cache-location needs --cache: add --cache to keep a cache there. Run `piilint --help` for the options.',
  stdinNeedsFilename: 'piilint: --stdin needs --stdin-filename: the path of the file the text stands for (its imports are resolved from there). Run `piilint --help` for the options.',
  stdinWithPaths: 'piilint: --stdin checks the text on standard input, so it takes no paths; name the file with --stdin-filename. Run `piilint --help` for the options.',
  stdinWithFix: 'piilint: --fix cannot write back to standard input; run piilint --fix on the file instead. Run `piilint --help` for the options.',
  stdinFileMissing: (given, absolute) => `No such file: ${given} (looked for ${absolute}). --stdin-filename must name a file of the project, since its imports are resolved from it.`,
  outputWritten: (format, file) => `piilint: wrote the ${format} report to ${file}.`,
  baselineNotWritten: (file) => `piilint: some files were not checked because of an internal error (see the internal-error notices above), so ${file} was not written.`,
  baselineWritten: (file, entries, change) =>
    `piilint: wrote ${file} with ${plural(entries, 'entry', 'entries')}${change ? ` (${change.kept} kept, ${change.added} added, ${change.removed} removed)` : ''}.`,
  baselinePruned: (removed, file, left) =>
    `piilint: removed ${plural(removed, 'entry', 'entries')} that no longer ${removed === 1 ? 'matches' : 'match'} a finding from ${file}; ${plural(left, 'entry', 'entries')} left.`,
  baselineParseErrors: (count) =>
    `piilint: ${plural(count, 'file')} could not be parsed and ${count === 1 ? 'is' : 'are'} not in the baseline: a parse error hides every finding in its file, so it is always reported. Fix the syntax, or set "parse-error" to "warning" in piilint.config.json.`,
  sarifMerged: (inputs, output, results, rules) =>
    `piilint: merged ${plural(inputs, 'SARIF file')} into ${output}: ${plural(results, 'result')}, ${plural(rules, 'rule')}.`,
  help: {
    program: 'Privacy linter for TypeScript and JavaScript: finds personal data (biometrics, ID numbers, camera frames) reaching places it must not reach unprotected.',
    paths: 'files, folders or globs to check (default: the current folder)',
    format: 'report format',
    output: 'write the report to this file (atomically, creating folders) instead of stdout',
    outputFormat: 'also write the report in this format to this file (json, sarif, gitlab, github)',
    config: 'use this config file instead of the nearest piilint.config.json',
    maxWarnings: 'exit with code 1 when there are more than n warnings',
    fix: 'apply the safe fixes to the files, then report what is left',
    quiet: 'report errors only',
    color: 'colour the report even when stdout is not a terminal',
    noColor: 'do not colour the report (NO_COLOR is honoured too)',
    printConfig: 'print the resolved configuration for a file as JSON and exit',
    locale: 'language of the messages (auto: the config\'s, else LC_ALL, LC_MESSAGES or LANG)',
    baseline: 'report only findings that this baseline (piilint baseline create) does not accept',
    changedSince: 'report only findings whose sink, source or path touches lines changed since this git ref',
    shard: 'check only shard i of n (1-based) of the files, for parallel CI jobs; see merge-sarif',
    cache: 'keep what each file gave in a cache; the next --cache run analyses only the files a change can affect',
    cacheLocation: 'folder for the --cache files (default: node_modules/.cache/piilint)',
    stdin: 'check the text on standard input instead of files (with --stdin-filename)',
    stdinFilename: 'the file the text on standard input stands for',
    debug: 'print statistics, timings, budgets and stack traces of internal errors on stderr',
    version: 'print the version and exit',
    help: 'show this help and exit',
  },
  helpAfter: `
Exit codes:
  0  no error-level finding (and warnings within --max-warnings)
  1  error-level findings, or more warnings than --max-warnings
  2  usage, configuration or internal error

Examples:
  piilint                                  check the current folder
  piilint src "lib/**/*.ts"                check some folders and a glob
  piilint --format sarif --output piilint.sarif
  piilint --output-sarif piilint.sarif     print the findings and write SARIF in one run
  piilint --format github                  annotations on a GitHub pull request
  piilint --format gitlab -o gl-code-quality-report.json
  piilint --fix                            apply the safe fixes, then report what is left
  piilint --print-config src/kiosk/enroll.ts
  piilint --baseline piilint.baseline.json --changed-since origin/main
                                           fail only on new findings in the lines a pull request changed
  piilint --shard 2/4 --format sarif --output shard-2.sarif
  piilint --cache                          analyse again only what changed since the last --cache run
  git show HEAD:src/crm.ts | piilint --stdin --stdin-filename src/crm.ts

Commands:
  piilint baseline create [paths...]       write the current findings to a baseline (piilint.baseline.json)
  piilint baseline prune [paths...]        remove the baseline entries that no longer match a finding
  piilint merge-sarif OUT IN...            combine the SARIF reports of --shard runs into one
  (Run any of them with --help for their options; to check a folder with one of these names, write ./baseline.)

Suppress one finding with a reason:
  // piilint-disable-next-line no-id-number-logging -- masked by the gateway before storage

Documentation: https://github.com/piilint/piilint/blob/main/docs/cli.md
`,
};

const ZH: CliText = {
  severity: { error: '错误', warning: '警告', info: '提示' },
  noticeTitle: (code) => NOTICE_TITLES['zh-CN'][code],
  noSuchPath: (given, absolute) => `没有这个文件或文件夹：${given}（查找位置：${absolute}）。请检查路径；如果是 glob，请加引号，以免被 shell 展开。`,
  removedTempFiles: (count, files) => `piilint：已删除 ${count} 个被中断的 --fix 留下的临时文件：${files}。`,
  incompleteRun: (isInternalError) =>
    `piilint：由于${isInternalError ? '内部错误（见上方的 internal-error 提示）' : '配置错误（见上方的 config-error 提示）'}，部分文件未被检查，因此本次运行失败。`,
  tooManyWarnings: (count, max) => `piilint：发现 ${count} 个警告，超过了 --max-warnings ${max} 允许的数量。`,
  fixesApplied: (fixes, files) => `piilint：已在 ${files} 个文件中应用 ${fixes} 处修复。`,
  fixesSkipped: (count) => `piilint：跳过了 ${count} 处与其他修复重叠的修复；再次运行 piilint --fix 即可应用。`,
  notFixed: (file, message, reason) => `piilint：未修复：${file}：${message}（${reason}）。`,
  internalError: (message, isDebug, issuesUri) =>
    isDebug
      ? `piilint：内部错误：${message}。请将下方输出一并报告到 ${issuesUri}。`
      : `piilint：内部错误：${message}。使用 --debug 重新运行可查看调用栈。`,
  usageError: (message, helpCommand) => `piilint：${message.replace(/[.。]$/, '')}。运行 \`${helpCommand}\` 查看可用选项。`,
  cacheLocationNeedsCache: 'piilint：--cache-location 需要与 --cache 一起使用：请加上 --cache 以在该位置保存缓存。运行 `piilint --help` 查看可用选项。',
  stdinNeedsFilename: 'piilint：--stdin 需要 --stdin-filename：即该文本所代表文件的路径（其导入从该位置解析）。运行 `piilint --help` 查看可用选项。',
  stdinWithPaths: 'piilint：--stdin 检查标准输入中的文本，因此不接受路径；请用 --stdin-filename 指定文件。运行 `piilint --help` 查看可用选项。',
  stdinWithFix: 'piilint：--fix 无法写回标准输入；请直接对文件运行 piilint --fix。运行 `piilint --help` 查看可用选项。',
  stdinFileMissing: (given, absolute) => `没有这个文件：${given}（查找位置：${absolute}）。--stdin-filename 必须指向项目中的文件，因为其导入从该位置解析。`,
  outputWritten: (format, file) => `piilint：已将 ${format} 报告写入 ${file}。`,
  baselineNotWritten: (file) => `piilint：由于内部错误（见上方的 internal-error 提示），部分文件未被检查，因此没有写入 ${file}。`,
  baselineWritten: (file, entries, change) =>
    `piilint：已写入 ${file}，共 ${entries} 个条目${change ? `（保留 ${change.kept} 个，新增 ${change.added} 个，删除 ${change.removed} 个）` : ''}。`,
  baselinePruned: (removed, file, left) => `piilint：已从 ${file} 删除 ${removed} 个不再匹配任何问题的条目，剩余 ${left} 个条目。`,
  baselineParseErrors: (count) =>
    `piilint：${count} 个文件无法解析，未写入基线：解析错误会掩盖该文件中的所有问题，因此总会被报告。请修复语法错误，或在 piilint.config.json 中把 "parse-error" 设为 "warning"。`,
  sarifMerged: (inputs, output, results, rules) => `piilint：已将 ${inputs} 个 SARIF 文件合并到 ${output}：${results} 个结果，${rules} 条规则。`,
  help: {
    program: 'TypeScript 和 JavaScript 隐私检查工具：发现个人信息（生物识别信息、证件号码、摄像头画面）未经保护就到达不该去的地方。',
    paths: '要检查的文件、文件夹或 glob（默认：当前文件夹）',
    format: '报告格式',
    output: '把报告写入此文件（原子写入，自动创建文件夹），而不是标准输出',
    outputFormat: '同时把此格式的报告写入此文件（json、sarif、gitlab、github）',
    config: '使用此配置文件，而不是最近的 piilint.config.json',
    maxWarnings: '警告多于 n 个时以退出码 1 退出',
    fix: '对文件应用可安全修复的修复，然后报告剩余问题',
    quiet: '只报告错误',
    color: '即使标准输出不是终端也为报告着色',
    noColor: '不为报告着色（也遵循 NO_COLOR）',
    printConfig: '以 JSON 打印某个文件适用的最终配置，然后退出',
    locale: '消息的语言（auto：配置文件中的设置，否则取 LC_ALL、LC_MESSAGES 或 LANG）',
    baseline: '只报告此基线（piilint baseline create）未接受的问题',
    changedSince: '只报告汇点、来源或路径涉及自此 git 引用以来修改过的行的问题',
    shard: '只检查文件的第 i 个分片（共 n 个，从 1 开始），用于并行 CI 任务；参见 merge-sarif',
    cache: '缓存每个文件的结果；下次使用 --cache 运行时只分析受改动影响的文件',
    cacheLocation: '--cache 文件所在的文件夹（默认：node_modules/.cache/piilint）',
    stdin: '检查标准输入中的文本而不是文件（与 --stdin-filename 一起使用）',
    stdinFilename: '标准输入中的文本所代表的文件',
    debug: '在标准错误输出中打印统计、耗时、预算和内部错误的调用栈',
    version: '打印版本号并退出',
    help: '显示此帮助并退出',
  },
  helpAfter: `
退出码：
  0  没有错误级别的问题（且警告数量未超过 --max-warnings）
  1  有错误级别的问题，或警告多于 --max-warnings
  2  用法、配置或内部错误

示例：
  piilint                                  检查当前文件夹
  piilint src "lib/**/*.ts"                检查若干文件夹和一个 glob
  piilint --format sarif --output piilint.sarif
  piilint --output-sarif piilint.sarif     一次运行既打印问题又写出 SARIF
  piilint --format github                  在 GitHub 拉取请求上显示注释
  piilint --format gitlab -o gl-code-quality-report.json
  piilint --fix                            应用可安全修复的修复，然后报告剩余问题
  piilint --print-config src/kiosk/enroll.ts
  piilint --baseline piilint.baseline.json --changed-since origin/main
                                           只在拉取请求修改的行中出现新问题时失败
  piilint --shard 2/4 --format sarif --output shard-2.sarif
  piilint --cache                          只重新分析自上次 --cache 运行以来改动的部分
  git show HEAD:src/crm.ts | piilint --stdin --stdin-filename src/crm.ts

子命令：
  piilint baseline create [paths...]       把当前问题写入基线（piilint.baseline.json）
  piilint baseline prune [paths...]        删除不再匹配任何问题的基线条目
  piilint merge-sarif OUT IN...            把各 --shard 运行的 SARIF 报告合并为一个
  （每个子命令都可加 --help 查看选项；要检查名为 baseline 的文件夹，请写 ./baseline。）

说明理由后抑制单个问题：
  // piilint-disable-next-line no-id-number-logging -- 网关在存储前已脱敏

文档：https://github.com/piilint/piilint/blob/main/docs/cli.md
`,
};

export const CLI_TEXT: Readonly<Record<Locale, CliText>> = { en: EN, 'zh-CN': ZH };

export function cliText(locale: Locale): CliText {
  return CLI_TEXT[locale];
}
