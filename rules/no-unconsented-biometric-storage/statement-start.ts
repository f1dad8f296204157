/**
 * Where to insert a consent check so that it runs before a store call: the start of the statement that holds the
 * call, found from the text alone (rules do not parse; they get the file text and offsets).
 *
 * Shapes handled (`▸` marks the offset returned for the call `store(x)`):
 *   `▸await store(x);`                                    a statement of its own
 *   `▸const response = await client.send(\n  store(x),\n);`  a call inside another call's arguments
 *   `▸if (face) await store(x);`                          an `if` without braces: the check goes before the `if`
 *   `if (a) { … } else { ▸await store(x); }`             the innermost block
 *   `▸if (a) { … } else await store(x);`                  `else`, `catch` and `finally` continue their statement
 *   `case 'kiosk': ▸await store(x);`                       a case clause or label
 *   `items.forEach((i) => store(i));`                     an expression-bodied arrow: the whole statement
 * Strings, template literals, comments and regular expressions are skipped, so brackets inside them do not count.
 */

interface Frame {
  readonly kind: 'block' | 'paren' | 'bracket' | 'object' | 'template';
  /** Offset just past the last statement boundary in this block (a `;`, a closed block, a case label). */
  boundary: number;
  /** The boundary before the last closed block: restored when `else`, `catch` or `finally` follows it. */
  beforeClosedBlock?: number;
  /** The first word of the statement being read in this block, and how many tokens it has so far. */
  firstWord: string;
  tokens: number;
}

const OBJECT_AFTER_CHARS = new Set(['(', ',', ':', '=', '[', '?', '!', '&', '|', '+', '-', '*', '%', '~', '^']);
const OBJECT_AFTER_WORDS = new Set(['return', 'yield', 'await', 'in', 'of', 'throw', 'case']);
const REGEX_AFTER_CHARS = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '~', '^', '<', '>']);
const CONTINUATION_WORDS = new Set(['else', 'catch', 'finally']);

/** Offset of the first character of the statement that contains `offset`. */
export function statementStartBefore(text: string, offset: number): number {
  const stack: Frame[] = [{ kind: 'block', boundary: 0, firstWord: '', tokens: 0 }];
  const top = (): Frame => stack[stack.length - 1]!;
  /** The last significant character and word before `i`, for telling blocks from objects and `/` from regexes. */
  let lastChar = '';
  let lastWord = '';
  let afterClosedBlock: Frame | undefined;
  let i = 0;

  const significant = (char: string, word = ''): void => {
    lastChar = char;
    lastWord = word;
    const frame = top();
    if (frame.kind === 'block') {
      if (frame.tokens === 0) frame.firstWord = word;
      frame.tokens += 1;
    }
  };
  const setBoundary = (frame: Frame, at: number): void => {
    frame.boundary = at;
    frame.firstWord = '';
    frame.tokens = 0;
  };

  while (i < offset) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (top().kind === 'template') {
      if (ch === '\\') i += 2;
      else if (ch === '`') {
        stack.pop();
        significant('`');
        i += 1;
      } else if (ch === '$' && next === '{') {
        significant('(');
        stack.push({ kind: 'paren', boundary: 0, firstWord: '', tokens: 0 });
        i += 2;
      } else i += 1;
      continue;
    }
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === '/' && next === '/') {
      const newline = text.indexOf('\n', i);
      i = newline === -1 ? offset : newline + 1;
      continue;
    }
    if (ch === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? offset : close + 2;
      continue;
    }
    if (/[A-Za-z_$]/.test(ch)) {
      const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 64))![0];
      if (afterClosedBlock && CONTINUATION_WORDS.has(word) && afterClosedBlock.beforeClosedBlock !== undefined) {
        afterClosedBlock.boundary = afterClosedBlock.beforeClosedBlock;
      }
      afterClosedBlock = undefined;
      significant(word[word.length - 1]!, word);
      i += word.length;
      continue;
    }
    afterClosedBlock = undefined;
    if (ch === '"' || ch === "'") {
      i = skipQuoted(text, i, ch);
      significant(ch);
      continue;
    }
    if (ch === '`') {
      stack.push({ kind: 'template', boundary: 0, firstWord: '', tokens: 0 });
      i += 1;
      continue;
    }
    if (ch === '/' && (lastChar === '' || REGEX_AFTER_CHARS.has(lastChar) || OBJECT_AFTER_WORDS.has(lastWord))) {
      i = skipRegex(text, i);
      significant('/');
      continue;
    }
    const frame = top();
    if (ch === '{') {
      stack.push({ kind: opensObject(text, i, lastChar, lastWord) ? 'object' : 'block', boundary: i + 1, firstWord: '', tokens: 0 });
      lastChar = '{';
      lastWord = '';
      i += 1;
      continue;
    }
    if (ch === '(' || ch === '[') {
      significant(ch);
      stack.push({ kind: ch === '(' ? 'paren' : 'bracket', boundary: 0, firstWord: '', tokens: 0 });
      i += 1;
      continue;
    }
    if (ch === ')' || ch === ']' || ch === '}') {
      const closed = stack.length > 1 ? stack.pop()! : frame;
      const parent = top();
      if (ch === '}' && closed.kind === 'block' && parent.kind === 'block') {
        const before = parent.boundary;
        setBoundary(parent, i + 1);
        parent.beforeClosedBlock = before;
        afterClosedBlock = parent;
        lastChar = ';';
        lastWord = '';
      } else {
        significant(ch);
      }
      i += 1;
      continue;
    }
    if (frame.kind === 'block') {
      if (ch === ';') {
        setBoundary(frame, i + 1);
        lastChar = ';';
        lastWord = '';
        i += 1;
        continue;
      }
      // `case 'kiosk':`, `default:` and `retry:` end a clause or label; a type annotation's `:` does not.
      const isClauseEnd = frame.firstWord === 'case' || frame.firstWord === 'default' || (frame.tokens === 1 && frame.firstWord !== '');
      if (ch === ':' && isClauseEnd) {
        setBoundary(frame, i + 1);
        lastChar = ':';
        lastWord = '';
        i += 1;
        continue;
      }
    }
    significant(ch);
    i += 1;
  }

  let block: Frame | undefined;
  for (let k = stack.length - 1; k >= 0; k--) {
    if (stack[k]!.kind === 'block') {
      block = stack[k];
      break;
    }
  }
  return skipTrivia(text, block?.boundary ?? 0, offset);
}

/**
 * Whether the `{` at `at` opens an object literal (`= {`, `({`, `return {`) rather than a block (`) {`, `=> {`,
 * `else {`, `class X {`, a block after a statement).
 */
function opensObject(text: string, at: number, lastChar: string, lastWord: string): boolean {
  if (lastWord !== '') return OBJECT_AFTER_WORDS.has(lastWord);
  let k = at - 1;
  while (k >= 0 && /\s/.test(text[k]!)) k--;
  if (text[k] === '>' && text[k - 1] === '=') return false;
  return OBJECT_AFTER_CHARS.has(lastChar);
}

function skipQuoted(text: string, at: number, quote: string): number {
  let i = at + 1;
  while (i < text.length && text[i] !== quote && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

function skipRegex(text: string, at: number): number {
  let i = at + 1;
  let inClass = false;
  while (i < text.length && text[i] !== '\n') {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else if (ch === '[') {
      inClass = true;
      i += 1;
    } else if (ch === ']') {
      inClass = false;
      i += 1;
    } else if (ch === '/' && !inClass) {
      i += 1;
      while (i < text.length && /[a-z]/i.test(text[i]!)) i += 1;
      return i;
    } else i += 1;
  }
  return i;
}

/** First offset at or after `from` (and at most `limit`) that is not whitespace or a comment. */
function skipTrivia(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit) {
    if (/\s/.test(text[i]!)) i += 1;
    else if (text.startsWith('//', i)) {
      const newline = text.indexOf('\n', i);
      i = newline === -1 ? limit : newline + 1;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? limit : close + 2;
    } else break;
  }
  return Math.min(i, limit);
}
