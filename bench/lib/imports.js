// @ts-check
'use strict';
/**
 * Collects the imports a generated file uses while its body is written, so every file imports exactly what it
 * uses (as an editor's organise-imports would leave it): packages first, then relative paths, names sorted.
 */
class Imports {
  constructor() {
    /** @type {Map<string, { defaultName?: string, namespace?: string, names: Set<string> }>} */
    this.byModule = new Map();
  }

  /** @param {string} from */
  entry(from) {
    let found = this.byModule.get(from);
    if (found === undefined) {
      found = { names: new Set() };
      this.byModule.set(from, found);
    }
    return found;
  }

  /** @param {string} from @param {...string} names */
  named(from, ...names) {
    const entry = this.entry(from);
    for (const name of names) entry.names.add(name);
    return this;
  }

  /** @param {string} from @param {string} name */
  default(from, name) {
    this.entry(from).defaultName = name;
    return this;
  }

  /** @param {string} from @param {string} name */
  namespace(from, name) {
    this.entry(from).namespace = name;
    return this;
  }

  render() {
    const modules = [...this.byModule.keys()].sort((a, b) => {
      const aRel = a.startsWith('.');
      const bRel = b.startsWith('.');
      if (aRel !== bRel) return aRel ? 1 : -1;
      return a < b ? -1 : a > b ? 1 : 0;
    });
    const lines = [];
    for (const from of modules) {
      const entry = /** @type {{ defaultName?: string, namespace?: string, names: Set<string> }} */ (this.byModule.get(from));
      if (entry.namespace !== undefined) lines.push(`import * as ${entry.namespace} from '${from}';`);
      const names = [...entry.names].sort((a, b) => a.localeCompare(b, 'en'));
      const parts = [];
      if (entry.defaultName !== undefined) parts.push(entry.defaultName);
      if (names.length > 0) parts.push(`{ ${names.join(', ')} }`);
      if (parts.length > 0) lines.push(`import ${parts.join(', ')} from '${from}';`);
    }
    return lines.join('\n');
  }
}

module.exports = { Imports };
