/**
 * Stage: facts (database clients).
 * Input: a property read in the code (`dashcamEvent` in `this.prisma.dashcamEvent.findUnique(…)`).
 * Output: whether it names a table or collection of a client, because a query method is called on it directly.
 * Invariant: only the member a query method is called on counts; a read of the same name any other way is a read
 * of data like any other.
 */
import { ts } from 'ts-morph';

const QUERY_METHODS = /^(?:find\w*|create\w*|update\w*|upsert|delete\w*|count|aggregate|groupBy|save|insert\w*|query\w*|exec\w*|select|where|get|set|put|add)$/;

/**
 * `this.prisma.dashcamEvent.findUnique(…)`: a member of a client that a query method is called on names a table
 * or collection, not data (a model called `dashcamEvent` holds no video).
 */
export function isQueryDelegate(node: ts.Node): boolean {
  const parent = node.parent;
  return !!parent && ts.isPropertyAccessExpression(parent) && parent.expression === node && QUERY_METHODS.test(parent.name.text) && ts.isCallExpression(parent.parent) && parent.parent.expression === parent;
}
