// Text the database cannot keep as sent (see isUnstorableText) is refused as bad input wherever a request carries
// it: argument literals, variables, JSON values and their keys.
import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, visit, type DocumentNode } from 'graphql';
import { isUnstorableText } from '../domain/storable-text.js';
import type { GraphQLContext } from './context.js';

export const refuseUnstorableText: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        if (!literalIsUnstorable(document) && !valueIsUnstorable(request.variables)) return;
        throw new GraphQLError('text in a request must not contain the NUL character (U+0000) or a lone UTF-16 surrogate', {
          extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
        });
      },
    };
  },
};

// Apollo hands every request of one query text the same parsed document: its literals are looked at once.
const literalsChecked = new WeakMap<DocumentNode, boolean>();

function literalIsUnstorable(document: DocumentNode): boolean {
  let found = literalsChecked.get(document);
  if (found === undefined) literalsChecked.set(document, (found = anyLiteralIsUnstorable(document)));
  return found;
}

function anyLiteralIsUnstorable(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (!isUnstorableText(node.value)) return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/** Walks with an explicit stack: variables may nest deeper than the call stack allows. */
function valueIsUnstorable(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (isUnstorableText(value)) return true;
    } else if (typeof value === 'object' && value !== null) {
      // Array indexes are keys too, never unstorable; a loop rather than a spread, as lists may be long.
      for (const [key, item] of Object.entries(value)) {
        if (isUnstorableText(key)) return true;
        pending.push(item);
      }
    }
  }
  return false;
}
