/** The formatters `--format` can name. Each is a pure function; see formatter-types.ts. */
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';
import type { Formatter } from './formatter-types';

export const FORMAT_NAMES = ['stylish', 'json', 'sarif'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
};

export type { BaselineSummary, ChangedSinceSummary, Formatter, FormatterContext } from './formatter-types';
