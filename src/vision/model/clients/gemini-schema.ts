/**
 * Gemini's `responseSchema` takes an OpenAPI 3.0 subset, not JSON Schema: no `$ref`, no `const`, no
 * `additionalProperties`, no `null` type (a `nullable` flag instead), string-only enums. This turns the
 * draft 2020-12 schemas zod emits into that subset. It only ever loosens: what Gemini cannot express is
 * dropped, since the answer is validated against the original schema afterwards.
 */

type GeminiType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';

/** The fields of Gemini's v1beta `Schema` this converter emits (wider than the SDK's own type). */
export interface GeminiSchema {
  type?: GeminiType;
  format?: string;
  title?: string;
  description?: string;
  nullable?: boolean;
  enum?: string[];
  items?: GeminiSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, GeminiSchema>;
  required?: string[];
  /** Gemini otherwise orders an object's keys alphabetically; this keeps the schema's order. */
  propertyOrdering?: string[];
  anyOf?: GeminiSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

/** A schema Gemini has no way to express, such as a record with free keys or a recursive type. */
export class UnsupportedGeminiSchemaError extends Error {
  override readonly name = 'UnsupportedGeminiSchemaError';
}

type JsonSchema = Record<string, unknown>;

const GEMINI_TYPES: readonly string[] = ['string', 'number', 'integer', 'boolean', 'array', 'object'] satisfies GeminiType[];
const NUMBER_FORMATS: Record<string, ReadonlySet<string>> = {
  number: new Set(['float', 'double']),
  integer: new Set(['int32', 'int64']),
};

export function toGeminiSchema(schema: JsonSchema): GeminiSchema {
  return new Converter(schema).convert(schema, '#', []);
}

class Converter {
  constructor(private readonly root: JsonSchema) {}

  convert(node: unknown, at: string, refs: string[]): GeminiSchema {
    if (!isObject(node)) throw unsupported(at, 'is not a schema object');
    const resolved = this.resolve(node, at, refs);
    const schema = resolved.schema;
    const path = resolved.refs;

    const alternatives = schema.anyOf ?? schema.oneOf;
    if (Array.isArray(alternatives)) return this.convertUnion(schema, alternatives, at, path);
    if (Array.isArray(schema.type)) return this.convertTypeList(schema, schema.type, at, path);
    return this.convertSingle(schema, at, path);
  }

  /** Inlines `$ref` (Gemini has none) and merges `allOf`, so the rest sees one plain schema. */
  private resolve(node: JsonSchema, at: string, refs: string[]): { schema: JsonSchema; refs: string[] } {
    let schema = node;
    let seen = refs;
    while (typeof schema.$ref === 'string') {
      const ref = schema.$ref;
      if (seen.includes(ref)) throw unsupported(at, `refers to itself through ${ref}; Gemini cannot express recursive types`);
      schema = { ...this.lookUp(ref, at), ...without(schema, '$ref') };
      seen = [...seen, ref];
    }
    if (Array.isArray(schema.allOf)) {
      const { allOf, ...rest } = schema;
      schema = allOf.reduce<JsonSchema>((merged, part: unknown, i) => mergeSchemas(merged, this.resolve(asObject(part, `${at}/allOf/${i}`), at, seen).schema), rest);
    }
    return { schema, refs: seen };
  }

  private lookUp(ref: string, at: string): JsonSchema {
    if (!ref.startsWith('#/')) throw unsupported(at, `refers to ${ref}, outside this schema`);
    let target: unknown = this.root;
    for (const segment of ref.slice(2).split('/')) {
      const key = segment.replaceAll('~1', '/').replaceAll('~0', '~');
      target = isObject(target) ? target[key] : undefined;
    }
    return asObject(target, `${at} ($ref ${ref})`);
  }

  /** `anyOf: [X, {type: null}]` is how JSON Schema says nullable; Gemini says `nullable: true`. */
  private convertUnion(schema: JsonSchema, alternatives: unknown[], at: string, refs: string[]): GeminiSchema {
    const outer = without(schema, 'anyOf', 'oneOf');
    const nonNull = alternatives.filter((alternative) => !isNullSchema(alternative));
    const nullable = nonNull.length < alternatives.length || schema.nullable === true;
    if (nonNull.length === 0) throw unsupported(at, 'only allows null');
    if (nonNull.length === 1) {
      const only = this.convert(mergeSchemas(asObject(nonNull[0], at), outer), at, refs);
      return nullable ? { ...only, nullable: true } : only;
    }
    return {
      ...annotations(outer),
      anyOf: nonNull.map((alternative, i) => this.convert(alternative, `${at}/anyOf/${i}`, refs)),
      ...(nullable && { nullable: true }),
    };
  }

  /** zod writes a nullable string as `type: ['string', 'null']`. */
  private convertTypeList(schema: JsonSchema, types: unknown[], at: string, refs: string[]): GeminiSchema {
    const nonNull = types.filter((type) => type !== 'null');
    const nullable = nonNull.length < types.length || schema.nullable === true;
    if (nonNull.length === 0) throw unsupported(at, 'only allows null');
    const converted =
      nonNull.length === 1
        ? this.convertSingle({ ...schema, type: nonNull[0] }, at, refs)
        : { ...annotations(schema), anyOf: nonNull.map((type) => this.convertSingle({ ...schema, type, description: undefined, title: undefined }, at, refs)) };
    return nullable ? { ...converted, nullable: true } : converted;
  }

  private convertSingle(schema: JsonSchema, at: string, refs: string[]): GeminiSchema {
    const values = enumValues(schema);
    const nullable = schema.nullable === true || (values?.includes(null) ?? false);
    const type = typeOf(schema, values, at);
    const out: GeminiSchema = { type, ...annotations(schema), ...(nullable && { nullable: true }) };
    switch (type) {
      case 'string':
        return { ...out, ...stringConstraints(schema, values) };
      case 'number':
      case 'integer':
        return { ...out, ...numberConstraints(schema, type) };
      case 'boolean':
        return out;
      case 'array':
        return { ...out, ...this.arrayParts(schema, at, refs) };
      case 'object':
        return { ...out, ...this.objectParts(schema, at, refs) };
    }
  }

  private arrayParts(schema: JsonSchema, at: string, refs: string[]): GeminiSchema {
    const bounds = pickNumbers(schema, ['minItems', 'maxItems']);
    // A tuple (`prefixItems`) becomes a list whose items may be any of the tuple's types.
    if (Array.isArray(schema.prefixItems) && schema.prefixItems.length > 0) {
      const members = schema.prefixItems.map((item, i) => this.convert(item, `${at}/prefixItems/${i}`, refs));
      const distinct = members.filter((member, i) => members.findIndex((other) => JSON.stringify(other) === JSON.stringify(member)) === i);
      return { items: distinct.length === 1 ? distinct[0] : { anyOf: distinct }, ...bounds };
    }
    if (!isObject(schema.items)) throw unsupported(at, 'is an array without an item schema');
    return { items: this.convert(schema.items, `${at}/items`, refs), ...bounds };
  }

  private objectParts(schema: JsonSchema, at: string, refs: string[]): GeminiSchema {
    const properties = isObject(schema.properties) ? schema.properties : {};
    const names = Object.keys(properties);
    if (names.length === 0) throw unsupported(at, 'is an object without named properties (a record); Gemini needs them listed');
    const converted: Record<string, GeminiSchema> = {};
    for (const name of names) converted[name] = this.convert(properties[name], `${at}/properties/${name}`, refs);
    const required = Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string' && name in properties) : [];
    return { properties: converted, ...(required.length > 0 && { required }), propertyOrdering: names };
  }
}

function typeOf(schema: JsonSchema, values: unknown[] | undefined, at: string): GeminiType {
  const declared = schema.type;
  if (typeof declared === 'string') {
    if (isGeminiType(declared)) return declared;
    throw unsupported(at, `has type ${declared}, which Gemini does not know`);
  }
  const first = values?.find((value) => value !== null);
  if (typeof first === 'string') return 'string';
  if (typeof first === 'number') return Number.isInteger(first) ? 'integer' : 'number';
  if (typeof first === 'boolean') return 'boolean';
  if (isObject(schema.properties)) return 'object';
  if (schema.items !== undefined || schema.prefixItems !== undefined) return 'array';
  throw unsupported(at, 'allows any value; Gemini needs a type');
}

/** `const` is a one-value enum. */
function enumValues(schema: JsonSchema): unknown[] | undefined {
  if ('const' in schema) return [schema.const];
  return Array.isArray(schema.enum) ? schema.enum : undefined;
}

function stringConstraints(schema: JsonSchema, values: unknown[] | undefined): GeminiSchema {
  const lengths = pickNumbers(schema, ['minLength', 'maxLength']);
  const strings = values?.filter((value): value is string => typeof value === 'string');
  if (strings && strings.length > 0) return { format: 'enum', enum: strings, ...lengths };
  // `pattern` is dropped: zod's patterns use lookaheads that Google's RE2 rejects.
  return { ...(schema.format === 'date-time' && { format: 'date-time' }), ...lengths };
}

function numberConstraints(schema: JsonSchema, type: 'number' | 'integer'): GeminiSchema {
  const out: GeminiSchema = {};
  const step = type === 'integer' ? 1 : 0;
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, format } = schema;
  // zod bounds every int by ±MAX_SAFE_INTEGER, which tells the model nothing.
  if (typeof minimum === 'number' && minimum > Number.MIN_SAFE_INTEGER) out.minimum = minimum;
  if (typeof maximum === 'number' && maximum < Number.MAX_SAFE_INTEGER) out.maximum = maximum;
  // Exclusive bounds become inclusive ones: exact for integers, a hair looser for numbers.
  if (typeof exclusiveMinimum === 'number') out.minimum = Math.max(out.minimum ?? -Infinity, exclusiveMinimum + step);
  if (typeof exclusiveMaximum === 'number') out.maximum = Math.min(out.maximum ?? Infinity, exclusiveMaximum - step);
  if (typeof format === 'string' && NUMBER_FORMATS[type]?.has(format)) out.format = format;
  return out;
}

function annotations(schema: JsonSchema): GeminiSchema {
  return {
    ...(typeof schema.title === 'string' && { title: schema.title }),
    ...(typeof schema.description === 'string' && { description: schema.description }),
  };
}

function pickNumbers<K extends keyof GeminiSchema>(schema: JsonSchema, keys: K[]): GeminiSchema {
  const out: GeminiSchema = {};
  for (const key of keys) {
    const value = schema[key];
    if (typeof value === 'number') Object.assign(out, { [key]: value });
  }
  return out;
}

/** Merging for `allOf` and for a union's outer keys: properties and required lists add up. */
function mergeSchemas(base: JsonSchema, extra: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...base, ...extra };
  if (isObject(base.properties) && isObject(extra.properties)) merged.properties = { ...base.properties, ...extra.properties };
  if (Array.isArray(base.required) && Array.isArray(extra.required)) merged.required = [...new Set([...base.required, ...extra.required])];
  return merged;
}

function without(schema: JsonSchema, ...keys: string[]): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => !keys.includes(key)));
}

function isNullSchema(node: unknown): boolean {
  return isObject(node) && (node.type === 'null' || (node.const === null && node.type === undefined));
}

function isGeminiType(type: string): type is GeminiType {
  return GEMINI_TYPES.includes(type);
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown, at: string): JsonSchema {
  if (!isObject(value)) throw unsupported(at, 'is not a schema object');
  return value;
}

function unsupported(at: string, problem: string): UnsupportedGeminiSchemaError {
  return new UnsupportedGeminiSchemaError(`The answer schema at ${at} ${problem}.`);
}
