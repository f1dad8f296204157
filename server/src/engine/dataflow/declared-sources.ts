/**
 * Stage: dataflow (sources named by a parameter's declared type).
 * Input: a parameter of a summarised function, with its declared type (`video: HTMLVideoElement`, or in JavaScript
 * `@param {HTMLVideoElement} preview`).
 * Output: the rules' API sources of the instance that type denotes (`{ global: 'HTMLVideoElement', path: 'new()' }`
 * for `g:HTMLVideoElement|new`, see `Resolver.typeTargets`), as weak names of the parameter's value that only a
 * root decides (`WeakName.fromType`): where nothing in the project calls the function, what the host page passes is
 * that data.
 * Invariant: the models say which types hold data; a caller that passes a value decides what it is, so such a name
 * never classifies what a caller passes (weak-names.ts), it only goes on to the caller's own parameters.
 */
import { ts } from 'ts-morph';
import { type CallDescription, calleeMatches } from '../facts/compile-models';
import type { Walker } from './host';
import type { WeakName } from './taint';

export function declaredTypeSources(interp: Walker, parameter: ts.ParameterDeclaration): WeakName[] {
  const type = parameter.type ?? ts.getJSDocType(parameter);
  if (!type) return [];
  const refs = interp.resolver.typeTargets(type).api;
  if (refs.length === 0) return [];
  const description: CallDescription = { apiRefs: refs, isProjectFunction: false };
  const out: WeakName[] = [];
  for (const rule of interp.host.rules) {
    for (const source of rule.apiSources.candidates(description)) {
      if ((source.output !== undefined && source.output !== 'result') || !calleeMatches(source.callee, description)) continue;
      out.push({ rule: rule.id, description: source.description, name: type.getText(), node: parameter.name, fromType: true });
      break;
    }
  }
  return out;
}
