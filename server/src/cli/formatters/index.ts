/** The formatters `--format` can name. Each is a pure function; see formatter-types.ts. */
import { formatGithub } from './github';
import { formatGitlab } from './gitlab';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';
import type { Formatter } from './formatter-types';

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'gitlab'] as const;
/** Formats that `--output-<name> FILE` can write besides the main report. */
export const EXTRA_OUTPUT_FORMATS = ['json', 'sarif', 'gitlab', 'github'] as const;
export type ExtraOutputFormat = (typeof EXTRA_OUTPUT_FORMATS)[number];
export type FormatName = (typeof FORMAT_NAMES)[number];

export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  gitlab: formatGitlab,
};

export type { BaselineSummary, ChangedSinceSummary, Formatter, FormatterContext } from './formatter-types';
