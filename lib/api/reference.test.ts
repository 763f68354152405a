import { describe, expect, it } from 'vitest';
import { apiReference, typeOf } from './reference';

describe('the API reference', () => {
  it('says a schema in a few words', () => {
    expect(typeOf({ type: 'string' })).toBe('string');
    expect(typeOf({ enum: ['read', 'write'] })).toBe('one of: read, write');
    expect(typeOf({ type: 'array', items: { type: 'string' } })).toBe('array of string');
    expect(typeOf({ anyOf: [{ type: 'integer' }, { type: 'null' }] })).toBe('integer or null');
    expect(typeOf(undefined)).toBe('any');
  });

  it('lists operations per tag with their path, query and body fields', () => {
    const groups = apiReference({
      paths: {
        '/images/{imageId}': {
          patch: {
            operationId: 'updateImage',
            summary: 'Change',
            tags: ['Images'],
            parameters: [{ name: 'imageId', in: 'path', required: true, schema: { type: 'string' } }],
            requestBody: {
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] },
                },
              },
            },
            responses: { '200': {}, '404': {} },
          },
        },
      },
    });
    expect(groups).toEqual([
      {
        tag: 'Images',
        operations: [
          {
            id: 'updateImage',
            method: 'PATCH',
            path: '/api/v1/images/{imageId}',
            summary: 'Change',
            description: undefined,
            status: '200',
            fields: [
              { name: 'imageId', in: 'path', required: true, type: 'string' },
              { name: 'label', in: 'body', required: true, type: 'string' },
            ],
          },
        ],
      },
    ]);
  });
});
