// The GraphQL IDE page: GraphiQL against this server's /graphql (queries over HTTP, subscriptions over WebSocket),
// with a bearer-token field kept in localStorage.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createClient } from 'graphql-ws';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import './ide.css';

const TOKEN_KEY = 'glance-graphql:token';
const DEFAULT_QUERY = `# Paste a token from \`npm start\` above, then run (Ctrl+Enter).
{
  viewer { userId projectId roles }
}
`;

const endpoint = new URL('/graphql', location.href);
const liveEndpoint = new URL(endpoint);
liveEndpoint.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';

// The token is read at each request and each WebSocket connection, so a new one applies without reloading the page.
// Subscriptions run over graphql-ws on the same path; its connection opens with the first and closes after the last.
const fetcher = createGraphiQLFetcher({
  url: endpoint.href,
  fetch: (input, init) => {
    const token = localStorage.getItem(TOKEN_KEY);
    const headers = new Headers(init?.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  },
  wsClient: createClient({
    url: liveEndpoint.href,
    connectionParams: () => {
      const token = localStorage.getItem(TOKEN_KEY);
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  }),
});

function TokenField() {
  const [token, setToken] = useState(() => localStorage.getItem(TOKEN_KEY) ?? '');
  const save = (value: string) => {
    setToken(value);
    if (value.trim()) localStorage.setItem(TOKEN_KEY, value.trim());
    else localStorage.removeItem(TOKEN_KEY);
  };
  return (
    <label className="token-field">
      Bearer token
      <input name="token" type="password" autoComplete="off" spellCheck={false} value={token} placeholder="paste a token" onChange={(event) => save(event.target.value)} />
    </label>
  );
}

function Ide() {
  return (
    <div className="ide">
      <TokenField />
      <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />
    </div>
  );
}

createRoot(document.getElementById('ide')!).render(<Ide />);
