/**
 * Fixes of `no-unanonymized-camera-egress`; all are suggestions, since anonymising changes what is sent.
 * - Wrap the payload in the project's anonymiser, e.g. `client.publish(topic, await blurFacesAndPlates(frame))`,
 *   importing it when it lives in another file; only when the dataflow saw one in the project.
 * - Suppress with a reason.
 */
import type { Fix, FixContext, KnownFunction, Locale, Reach, TextEdit } from '../../server/src/engine/rule-api';
import { importEditFor } from '../shared/imports';
import { createSuppressFix } from '../shared/suppress-fix';
import { findWrapTarget } from '../shared/wrap-payload';
import type { CameraEgressOptions } from './options';

const TITLE: Readonly<Record<Locale, (name: string) => string>> = {
  en: (name) => `Anonymise with ${name}() before sending`,
  'zh-CN': (name) => `发送前使用 ${name}() 做匿名化处理`,
};

export function createFixes(reach: Reach, context: FixContext, _options: CameraEgressOptions, locale: Locale): Fix[] {
  const fixes: Fix[] = [];
  const anonymizer = context.knownSanitizers.find((fn) => /^[A-Za-z_$][\w$]*$/.test(fn.name) && fn.arity >= 1);
  if (anonymizer !== undefined) {
    const fix = createAnonymizeFix(reach, context, anonymizer, locale);
    if (fix !== undefined) fixes.push(fix);
  }
  fixes.push(createSuppressFix(reach, context.fileText(reach.sink.range.file), locale));
  return fixes;
}

function createAnonymizeFix(reach: Reach, context: FixContext, anonymizer: KnownFunction, locale: Locale): Fix | undefined {
  const file = reach.sink.argumentRange.file;
  const fileText = context.fileText(file);
  const target = findWrapTarget(fileText, reach.sink.argumentRange, reach.sink.callRange, reach.path);
  if (target === undefined) return undefined;
  const importEdit = importEditFor(anonymizer, file, fileText);
  if (importEdit === undefined) return undefined;
  const call = `${anonymizer.isAsync ? 'await ' : ''}${anonymizer.name}(${target.expression})`;
  const edits: TextEdit[] = [];
  if (importEdit !== null) edits.push(importEdit);
  edits.push({ file, start: target.start, end: target.end, newText: `${target.prefix}${call}` });
  return { title: TITLE[locale](anonymizer.name), isSafe: false, isPreferred: true, edits };
}
