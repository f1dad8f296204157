/**
 * Stage: facts (whose data a name speaks of).
 * Input: names as written in the code (`visitorId`, `manager.faceConsent`) and, for a sink, its call expression; or
 * the places the dataflow says a check and a write refer to (`PersonPath`: a root, such as one parameter of one
 * function, and a property path from it).
 * Output: the person words among their tokens (`visitor`, `manager`), which names say whose record or key they are
 * (`memberId`, `buyerNo`) and which only hold other things (`consents`, `body`), and whether a consent check tests
 * another person than the one whose data the sink writes: by the places (`primary.memberId` is not
 * `family.memberId`), else by the person words.
 * Invariant: unknown on either side counts as the same person: a check is discounted only when both sides are known
 * and none of the checked places can be the written one (issues #4, #17 §5).
 */
import { ts } from 'ts-morph';
import { tokenizeName } from './name-tokens';

const PERSON_WORDS = new Set([
  'customer', 'visitor', 'user', 'member', 'driver', 'owner', 'employee', 'staff', 'manager', 'guest', 'person',
  'resident', 'tenant', 'passenger', 'buyer', 'lead', 'contact', 'applicant', 'candidate', 'patient', 'student',
  'worker', 'occupant', 'consultant', 'salesperson', 'kehu', 'yonghu', 'fangke', 'huiyuan', 'yezhu', 'chezhu',
  'companion', 'holder', 'spouse', 'child', 'partner', 'attendee', 'traveller', 'traveler', 'renter', 'tester',
]);

/** Tokens of a name that identifies a record or a person (`memberId`, `idNo`, `Key`): not data, but whose it is. */
const ID_TOKENS = new Set(['id', 'ids', 'no', 'number', 'num', 'uid', 'uuid', 'guid', 'openid', 'unionid', 'key', 'code', 'sn']);

/**
 * Names that hold other things rather than name a person or record of one: what a request is made of, session and
 * state objects, payloads, rows and results. `req.params.memberId` and `req.body.memberId` are the same member as far
 * as anyone can tell, and so are `ctx.state.user` and `ctx.user`.
 */
const CONTAINER_WORDS = new Set([
  'this', 'req', 'params', 'param', 'body', 'query', 'headers', 'file', 'files', 'request', 'session', 'state', 'locals', 'context',
  'ctx', 'data', 'payload', 'dto', 'input', 'form', 'fields', 'values', 'result', 'res', 'response', 'row', 'rows',
  'record', 'records', 'detail', 'details', 'info', 'attributes', 'props', 'args', 'options', 'event',
]);

/**
 * Names of the record that holds a consent rather than of the person it is about (`consent.grantedAt`,
 * `customer.consents.face`, `privacySettings.faceOptIn`): the person is whoever the record was fetched for.
 */
const RECORD_WORDS = new Set([
  'consent', 'consents', 'agreement', 'agreements', 'authorization', 'authorisation', 'permission', 'permissions',
  'privacy', 'settings', 'preferences', 'preference', 'flags', 'optin', 'optins', 'tongyi', 'shouquan', 'status',
]);

/** Person words among the tokens of some names (`visitorId` → visitor). */
export function personWords(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of names) for (const token of tokenizeName(name)) if (PERSON_WORDS.has(token)) out.add(token);
  return [...out];
}

/**
 * Whether the sink's arguments name a person and the guard (whose `subjects` are the person words of its names)
 * names only other people: the check then tests another person's record (issue #4). Unknown on either side counts
 * as the same person.
 */
export function testsAnotherPerson(subjects: readonly string[] | undefined, sink: ts.CallExpression | ts.NewExpression): boolean {
  if (!subjects?.length) return false;
  const names: string[] = [];
  const visit = (node: ts.Node, depth: number): void => {
    if (depth > 6 || names.length > 40) return;
    if (ts.isIdentifier(node)) names.push(node.text);
    else if (ts.isPropertyAccessExpression(node)) names.push(node.name.text);
    ts.forEachChild(node, (child) => visit(child, depth + 1));
  };
  for (const argument of sink.arguments ?? []) visit(argument, 0);
  const sinkPeople = personWords(names);
  return sinkPeople.length > 0 && !sinkPeople.some((word) => subjects.includes(word));
}

/** `memberId`, `ExternalImageId`, `Key`, `visitor`: a name a record or a person is known by. */
export function isOwnerName(name: string): boolean {
  return tokenizeName(name).some((token) => ID_TOKENS.has(token) || PERSON_WORDS.has(token));
}

/** `consent`, `consents`, `privacySettings`: a name of the record that holds a consent, not of a person. */
export function isRecordName(name: string): boolean {
  return tokenizeName(name).some((token) => RECORD_WORDS.has(token));
}

/**
 * A place a check or a write refers to: a root (a parameter or a local of one function, `this`) and a property path
 * from it (`['params', 'memberId']`; `'[]'` for an element). Places of the same `scope` (the function they are
 * named in) can be told apart by their names; places of different scopes cannot.
 */
export interface PersonPath {
  readonly scope: unknown;
  readonly root: unknown;
  /** What the root is called (`customer`, `req`, `this`); empty for a destructured parameter. */
  readonly rootName: string;
  readonly path: readonly string[];
}

/**
 * Whether a consent check of `subject` tests the person the data written under `owners` belongs to: `same` when some
 * checked place can be a written one, `other` when every pair is told apart, `unknown` when some pair cannot be.
 */
export function comparePersons(subject: readonly PersonPath[] | undefined, owners: readonly PersonPath[] | undefined): 'same' | 'other' | 'unknown' {
  // A request, `this` or a payload as a whole is nobody's: such places say nothing either way.
  const checkedPlaces = (subject ?? []).filter((place) => personalPath(place).length > 0);
  const writtenPlaces = (owners ?? []).filter((place) => personalPath(place).length > 0);
  if (!checkedPlaces.length || !writtenPlaces.length) return 'unknown';
  let isUnknown = false;
  for (const checked of checkedPlaces) {
    for (const written of writtenPlaces) {
      const verdict = comparePlaces(checked, written);
      if (verdict === 'same') return 'same';
      if (verdict === 'unknown') isUnknown = true;
    }
  }
  return isUnknown ? 'unknown' : 'other';
}

/** Places of one function are told apart by their names (`manager`, `visitor.id`); of two functions, not at all. */
function comparePlaces(a: PersonPath, b: PersonPath): 'same' | 'other' | 'unknown' {
  if (a.scope !== b.scope) return 'unknown';
  return isSamePath(personalPath(a), personalPath(b)) ? 'same' : 'other';
}

/**
 * The root's name and path without the containers along them: `req.body.family.memberId` is `family.memberId`,
 * `customer.id` stays `customer.id`, and `this.ctx.request.body` is nothing.
 */
function personalPath(place: PersonPath): string[] {
  return [place.rootName, ...place.path].filter((segment) => segment !== '' && !CONTAINER_WORDS.has(segment.toLowerCase()));
}

/**
 * Two personal paths (the root's name first): `customer` and `customer.id`, `visit.customerId` and
 * `visit.customer.id`, `customerId` and `customer.id`: the same. `party.primary.memberId` and
 * `party.family.memberId`, `party.buyerId` and `party.companions[].id`, `other` and `occupant.id`: two people.
 */
function isSamePath(a: readonly string[], b: readonly string[]): boolean {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  if (k === a.length || k === b.length) return true;
  const aEnds = k === a.length - 1;
  const bEnds = k === b.length - 1;
  // Two names of one thing (`id`, `memberNo`; a `visitor` and a `visitorId`) are the same record, unless each
  // names a different person (`buyerId`, `companionId`).
  if (aEnds && bEnds) return !namesOtherPeople(a[k]!, b[k]!);
  // Two sub-objects of one object: two people (`primary`, `family`).
  if (!aEnds && !bEnds) return false;
  // A name beside an object: the same one when it says so (`customerId` beside `customer`). Two variables are two
  // things otherwise; within one object, a field that names no person (`id`) is the object's own.
  const [field, object] = aEnds ? [a[k]!, b[k]!] : [b[k]!, a[k]!];
  const people = personWords([field]);
  if (people.length === 0) return k > 0;
  const objectTokens = tokenizeName(object).map((token) => (token.length > 3 && token.endsWith('s') ? token.slice(0, -1) : token));
  return people.some((word) => objectTokens.includes(word));
}

function namesOtherPeople(a: string, b: string): boolean {
  const first = personWords([a]);
  const second = personWords([b]);
  return first.length > 0 && second.length > 0 && !first.some((word) => second.includes(word));
}
