/**
 * Stage: files (the structure of a Vue single-file component, issue #16).
 * Input: the text of a `.vue` file.
 * Output: its top-level blocks (`<template>`, `<script>`, `<style>`, custom blocks), each with its tag name, its
 * attributes and where its content starts and ends.
 * Invariant: linear in the text's length, whatever the text, and never throws. The blocks are the ones Vue's own
 * SFC parser (`@vue/compiler-sfc`, SFC mode of `@vue/compiler-core`'s tokenizer) finds, which the tests check
 * against it: at the top level every element except an HTML `<template>` is raw text that ends at the first
 * `</name` followed by `>` or a space, so a `</script>` inside a string ends the block, as it does for Vue; an
 * HTML `<template>` ends at the `</template>` that matches its nested `<template>`s, and tags inside comments,
 * `{{ … }}` interpolations, quoted attribute values and `<script>`/`<style>`/`<textarea>`/`<title>` elements of
 * the template do not count. Input that is cut short (a comment, a tag or a quoted value never closed) ends the
 * scan there; a block never closed runs to the end of the text.
 *
 * Vue's compiler is not used at run time: with its parsers for templates, styles and expressions it is 12 MB of
 * dependencies (Babel's parser, PostCSS) and would add 0.6 MB to the bundled language server, for the one thing
 * piilint needs: where the script blocks are.
 */

export interface SfcBlock {
  /** The tag name as written (`script`, `template`, `i18n`). */
  readonly tag: string;
  /** Attributes by name as written; an attribute without a value is `true`. The first of a repeated name wins. */
  readonly attributes: ReadonlyMap<string, string | true>;
  /** Offset of the first character of the content (just after the start tag's `>`). */
  readonly contentStart: number;
  /** Offset just past the content (where the end tag starts, or the end of the text). */
  readonly contentEnd: number;
}

/** `<script>`, `<style>`, `<textarea>` and `<title>` inside a template hold text, not tags. */
const RAW_TEXT_IN_TEMPLATE = new Set(['script', 'style', 'textarea', 'title']);

interface StartTag {
  readonly name: string;
  readonly attributes: Map<string, string | true>;
  /** Offset just past the tag's `>`. */
  readonly end: number;
  readonly isSelfClosing: boolean;
}

export function scanSfcBlocks(text: string): SfcBlock[] {
  return new SfcScanner(text).scanRoot();
}

class SfcScanner {
  /** Where the next `{{` is, from the last search (-1: there is none further on). */
  private interpolationAt: number | undefined;

  constructor(private readonly text: string) {}

  scanRoot(): SfcBlock[] {
    const blocks: SfcBlock[] = [];
    let index = 0;
    while (index < this.text.length) {
      const open = this.nextTagOpen(index);
      if (open < 0) break;
      const next = this.skipMarkup(open);
      if (next !== undefined) {
        index = next;
        continue;
      }
      const tag = this.readStartTag(open);
      if (tag === 'cut') break;
      if (tag === undefined) {
        index = open + 1;
        continue;
      }
      if (tag.isSelfClosing) {
        blocks.push({ tag: tag.name, attributes: tag.attributes, contentStart: tag.end, contentEnd: tag.end });
        index = tag.end;
        continue;
      }
      // Only a `template` written so, in HTML, is parsed as markup (Vue compares the name exactly).
      const isHtmlTemplate = tag.name === 'template' && isHtmlLang(tag.attributes.get('lang'));
      const contentEnd = isHtmlTemplate ? this.endOfTemplate(tag.end) : this.endOfRawText(tag.end, tag.name);
      blocks.push({ tag: tag.name, attributes: tag.attributes, contentStart: tag.end, contentEnd });
      index = contentEnd >= this.text.length ? this.text.length : this.pastEndTag(contentEnd);
    }
    return blocks;
  }

  /**
   * The next `<` at or after `from` that is not inside a `{{ … }}` interpolation (Vue reads those in text at the
   * top level too), or -1. An interpolation never closed makes the rest of the text text, as it does for Vue.
   */
  private nextTagOpen(from: number): number {
    const text = this.text;
    let index = from;
    for (;;) {
      const open = text.indexOf('<', index);
      const interpolation = this.nextInterpolation(index);
      if (interpolation < 0 || (open >= 0 && open < interpolation)) return open;
      const close = text.indexOf('}}', interpolation + 2);
      if (close < 0) return -1;
      index = close + 2;
    }
  }

  /** The next `{{` at or after `from`, remembered so that the text is searched once (the scan stays linear). */
  private nextInterpolation(from: number): number {
    if (this.interpolationAt !== undefined && (this.interpolationAt < 0 || this.interpolationAt >= from)) return this.interpolationAt;
    this.interpolationAt = this.text.indexOf('{{', from);
    return this.interpolationAt;
  }

  /**
   * Comments (`<!-- … -->`), declarations (`<!DOCTYPE …>`), processing instructions (`<? … >`) and end tags at
   * `open`: the offset past them (the text's length when they are never closed), or undefined for anything else.
   */
  private skipMarkup(open: number): number | undefined {
    const text = this.text;
    if (text.startsWith('<!--', open)) {
      const close = text.indexOf('-->', open + 4);
      return close < 0 ? text.length : close + 3;
    }
    const second = text[open + 1];
    if (second === '!' || second === '?' || (second === '/' && isTagNameStart(text.charCodeAt(open + 2)))) {
      const close = text.indexOf('>', open + 2);
      return close < 0 ? text.length : close + 1;
    }
    return undefined;
  }

  /** The start tag at `open`; undefined when `<` does not start one, `'cut'` when the text ends inside it. */
  private readStartTag(open: number): StartTag | undefined | 'cut' {
    const text = this.text;
    if (!isTagNameStart(text.charCodeAt(open + 1))) return undefined;
    let index = open + 1;
    while (index < text.length && !isTagNameEnd(text.charCodeAt(index))) index++;
    const name = text.slice(open + 1, index);
    const attributes = new Map<string, string | true>();
    for (;;) {
      while (index < text.length && (isSpace(text.charCodeAt(index)) || text[index] === '/')) {
        if (text[index] === '/' && text[index + 1] === '>') return { name, attributes, end: index + 2, isSelfClosing: true };
        index++;
      }
      if (index >= text.length) return 'cut';
      if (text[index] === '>') return { name, attributes, end: index + 1, isSelfClosing: false };
      const nameStart = index;
      // An attribute name runs to a space, `/`, `>` or `=`; a leading `=` belongs to the name, as in HTML.
      index++;
      while (index < text.length && !isAttributeNameEnd(text.charCodeAt(index))) index++;
      const attributeName = text.slice(nameStart, index);
      let valueStart = index;
      while (valueStart < text.length && isSpace(text.charCodeAt(valueStart))) valueStart++;
      if (text[valueStart] !== '=') {
        if (!attributes.has(attributeName)) attributes.set(attributeName, true);
        continue;
      }
      valueStart++;
      while (valueStart < text.length && isSpace(text.charCodeAt(valueStart))) valueStart++;
      const quote = text[valueStart];
      let value: string;
      if (quote === '"' || quote === "'") {
        const close = text.indexOf(quote, valueStart + 1);
        if (close < 0) return 'cut';
        value = text.slice(valueStart + 1, close);
        index = close + 1;
      } else {
        index = valueStart;
        while (index < text.length && !isSpace(text.charCodeAt(index)) && text[index] !== '>') index++;
        value = text.slice(valueStart, index);
      }
      if (!attributes.has(attributeName)) attributes.set(attributeName, value);
    }
  }

  /** Where the content of a raw-text element named `name` ends: at `</name` + `>` or a space, or the text's end. */
  private endOfRawText(from: number, name: string): number {
    // Each `</` compared with the name case-insensitively: one pass over the text, no pattern built from the input.
    const text = this.text;
    const wanted = name.toLowerCase();
    for (let at = text.indexOf('</', from); at !== -1; at = text.indexOf('</', at + 2)) {
      const end = at + 2 + wanted.length;
      if (text.slice(at + 2, end).toLowerCase() !== wanted) continue;
      const next = text[end];
      if (next !== undefined && (next === '>' || /\s/.test(next))) return at;
    }
    return text.length;
  }

  /** Offset past the end tag that starts at `at` (`</name …>`), or the text's end. */
  private pastEndTag(at: number): number {
    const close = this.text.indexOf('>', at);
    return close < 0 ? this.text.length : close + 1;
  }

  /** Where the content of an HTML `<template>` that starts at `from` ends: at its matching `</template>`. */
  private endOfTemplate(from: number): number {
    const text = this.text;
    let depth = 1;
    let index = from;
    while (index < text.length) {
      const open = this.nextTagOpen(index);
      if (open < 0) return text.length;
      if (text.startsWith('</', open) && isTagNameStart(text.charCodeAt(open + 2))) {
        const nameEnd = endOfTagName(text, open + 2);
        if (text.slice(open + 2, nameEnd).toLowerCase() === 'template') {
          depth--;
          if (depth === 0) return open;
        }
        index = this.pastEndTag(open);
        continue;
      }
      const skipped = this.skipMarkup(open);
      if (skipped !== undefined) {
        index = skipped;
        continue;
      }
      const tag = this.readStartTag(open);
      if (tag === 'cut') return text.length;
      if (tag === undefined) {
        index = open + 1;
        continue;
      }
      index = tag.end;
      if (tag.isSelfClosing) continue;
      const lower = tag.name.toLowerCase();
      if (lower === 'template') depth++;
      else if (RAW_TEXT_IN_TEMPLATE.has(lower)) {
        const end = this.endOfRawText(tag.end, tag.name);
        index = end >= text.length ? text.length : this.pastEndTag(end);
      }
    }
    return text.length;
  }
}

/** A template without `lang`, or with `lang="html"`, is HTML that Vue parses; `pug` and others are raw text. */
function isHtmlLang(lang: string | true | undefined): boolean {
  return lang === undefined || lang === true || lang === '' || lang === 'html';
}

function endOfTagName(text: string, from: number): number {
  let index = from;
  while (index < text.length && !isTagNameEnd(text.charCodeAt(index))) index++;
  return index;
}

function isTagNameStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function isTagNameEnd(code: number): boolean {
  return isSpace(code) || code === 47 || code === 62;
}

function isAttributeNameEnd(code: number): boolean {
  return isSpace(code) || code === 47 || code === 62 || code === 61;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 12 || code === 13;
}

