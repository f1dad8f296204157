/**
 * Stage: facts (whose data a name speaks of).
 * Input: names as written in the code (`visitorId`, `manager.faceConsent`) and, for a sink, its call expression.
 * Output: the person words among their tokens (`visitor`, `manager`), and whether a consent check tests another
 * person than the one whose data the sink writes.
 * Invariant: unknown on either side counts as the same person: a check is discounted only when the check and the
 * sink both name people and have none in common (issue #4).
 */
import { ts } from 'ts-morph';
import { tokenizeName } from './name-tokens';

const PERSON_WORDS = new Set([
  'customer', 'visitor', 'user', 'member', 'driver', 'owner', 'employee', 'staff', 'manager', 'guest', 'person',
  'resident', 'tenant', 'passenger', 'buyer', 'lead', 'contact', 'applicant', 'candidate', 'patient', 'student',
  'worker', 'occupant', 'consultant', 'salesperson', 'kehu', 'yonghu', 'fangke', 'huiyuan', 'yezhu', 'chezhu',
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
