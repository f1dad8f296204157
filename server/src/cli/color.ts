/**
 * Whether to colour the stylish report. Order of precedence: `--color` / `--no-color`, then `NO_COLOR`
 * (https://no-color.org: present and not empty), then `FORCE_COLOR` (any value but `0` or `false`), then whether
 * stdout is a terminal that is not `TERM=dumb`. A report written with `--output` is never coloured.
 */
import type { ColorChoice } from './cli-options';

export function shouldUseColor(
  choice: ColorChoice | undefined,
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean,
): boolean {
  if (choice !== undefined) {
    return choice === 'always';
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') {
    return false;
  }
  if (env.FORCE_COLOR !== undefined) {
    return env.FORCE_COLOR !== '0' && env.FORCE_COLOR.toLowerCase() !== 'false';
  }
  return isTTY && env.TERM !== 'dumb';
}
