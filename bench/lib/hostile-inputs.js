// @ts-check
'use strict';
/**
 * Inputs that are too big to keep in git, shared by the reliability tests (test/reliability/bad-input.test.ts,
 * which checks what piilint reports on them) and the budget bench (bench/budgets.js, which times them): one
 * generator, so the bench times exactly what the tests check. Pure functions from a size to a text.
 */

/**
 * A webpack-style single-line bundle of about `size` characters: a module table of closures (issue #11).
 * @param {number} size
 * @returns {string}
 */
function minifiedBundle(size) {
  /** @type {string[]} */
  const modules = [];
  let length = 0;
  for (let id = 0; length < size - 400; id++) {
    const body =
      `${id}:(e,t,n)=>{n.r(t),n.d(t,{default:()=>o,format:()=>a});var r=n(${(id * 7) % 97}),i=n.n(r);` +
      `function o(e){const t=e.items.map((e=>({id:e.id,v:2*e.value,k:"m${id}"})));if(t.length>3){for(let e=0;e<t.length;e++)t[e].v+=e}else t.push({id:0,v:void 0});` +
      `return t.filter((e=>!!e.v)).reduce(((e,t)=>e+t.v),0)}function a(e,t){return null==e?"":e.toFixed(t>2?2:t)+(t?"%":"")}` +
      `const s=async function(e){try{const t=await e.json();return t&&t.ok?i().parse(t):{}}catch(e){return!1}};t.default=o}`;
    modules.push(body);
    length += body.length + 1;
  }
  return (
    `(()=>{"use strict";var e={${modules.join(',')}},t={};function n(r){var i=t[r];if(void 0!==i)return i.exports;var o=t[r]={exports:{}};` +
    'return e[r](o,o.exports,n),o.exports}n.r=e=>{Object.defineProperty(e,"__esModule",{value:!0})},n.n=e=>()=>e,' +
    'n.d=(e,t)=>{for(var r in t)n.o(t,r)&&Object.defineProperty(e,r,{enumerable:!0,get:t[r]})},n.o=(e,t)=>Object.prototype.hasOwnProperty.call(e,t),n(0)})();'
  );
}

/**
 * `count` declarations of one variable: binding time grows with the square of the count (TypeScript's
 * addDeclarationToSymbol), so 80,000 of them run over the per-file parse budget.
 * @param {number} count
 * @returns {string}
 */
function redeclarations(count) {
  return 'var x=1;\n'.repeat(count);
}

/** A source with one known violation (an ID number logged unmasked), the `src/good.ts` of every hostile project. */
const GOOD_FILE = [
  'interface Customer { name: string; idCardNo: string }',
  'export function logVisit(customer: Customer): void {',
  "  console.info('visit', customer.idCardNo);",
  '}',
  '',
].join('\n');

module.exports = { minifiedBundle, redeclarations, GOOD_FILE };
