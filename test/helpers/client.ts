// A typed GraphQL client over real HTTP (fetch), with assertions for data and for error codes.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { expect } from 'vitest';

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResponse<TData> {
  status: number;
  data?: TData | null;
  errors?: GraphQLErrorBody[];
}

export class GraphQLClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null,
  ) {}

  async request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...[variables]: TVariables extends Record<string, never> ? [] | [TVariables] : [TVariables]
  ): Promise<GraphQLResponse<TData>> {
    return this.raw(print(document), variables as Record<string, unknown> | undefined) as Promise<GraphQLResponse<TData>>;
  }

  /** Sends a query string as is (for requests the typed documents cannot express, such as malformed ones). */
  async raw(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<unknown>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<unknown>, 'status'>;
    return { status: response.status, ...body };
  }

  /** The data of a request that must succeed without errors. */
  async data<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...variables: TVariables extends Record<string, never> ? [] | [TVariables] : [TVariables]
  ): Promise<TData> {
    const response = await this.request(document, ...variables);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return response.data as TData;
  }

  /**
   * The data of a mutation that must succeed without errors. Mutation payloads are nullable so that one failing
   * root field does not hide the others' results; without errors, every root field has its payload.
   */
  async mutate<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...variables: TVariables extends Record<string, never> ? [] | [TVariables] : [TVariables]
  ): Promise<{ [Field in keyof TData]: NonNullable<TData[Field]> }> {
    const data = await this.data(document, ...variables);
    for (const [field, payload] of Object.entries(data as object)) expect(payload, field).not.toBeNull();
    return data as { [Field in keyof TData]: NonNullable<TData[Field]> };
  }

  /** The first error of a request that must fail with `code`. */
  async error<TData, TVariables>(
    code: string,
    document: TypedDocumentNode<TData, TVariables>,
    ...variables: TVariables extends Record<string, never> ? [] | [TVariables] : [TVariables]
  ): Promise<GraphQLErrorBody> {
    const response = await this.request(document, ...variables);
    expect(response.errors?.map((error) => error.extensions?.code), JSON.stringify(response)).toContain(code);
    return response.errors!.find((error) => error.extensions?.code === code)!;
  }
}
