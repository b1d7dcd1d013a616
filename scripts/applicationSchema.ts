// The JSON schema of "Vonage: Edit Application as JSON" (media/schemas/application.schema.json), derived
// from the Applications API document: the request body of PUT /v2/applications/{id}, as published, plus
// the few fields the live API and the official SDKs have that the 2.1.2 document lacks (listed below, each
// with where it comes from), and an http(s) pattern on every webhook address (WEBHOOK_ADDRESS). `npm run schema` rewrites the file; test/contract checks that the file is
// exactly what this derivation gives for the document in ../shared, and that every extension is absent from
// the document (so none silently overrides it).
//   npm run schema [-- <path to application.v2.rooted.yml>]
import * as fs from 'fs';
import * as path from 'path';
import YAML from 'yaml';
import { MAX_CONVERSATIONS_TTL_HOURS, MESSAGES_VERSIONS, VOICE_REGIONS } from '../src/vonage/capabilities';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const SCHEMA_FILE = path.join(REPO_ROOT, 'media', 'schemas', 'application.schema.json');
export const DEFAULT_DOCUMENT = path.resolve(REPO_ROOT, '..', 'shared', 'vonage-api', 'rooted', 'application.v2.rooted.yml');

type Json = Record<string, unknown>;

export interface Extension {
  /** Where in the schema, as property names from the top (e.g. capabilities.voice.region). */
  path: string;
  schema: Json;
  /** Why it is there although the document does not say so. */
  source: string;
}

/** What the schema adds to the document. `test/contract` proves none of these paths is in the document. */
export const EXTENSIONS: Extension[] = [
  { path: 'id', schema: { type: 'string', readOnly: true, description: 'The application\'s ID. It cannot be changed; it is not sent.' }, source: 'GET returns it; the editor shows it' },
  { path: 'keys', schema: { not: {}, description: 'Keys are not edited here: the public key is kept as it is, and private keys never leave SecretStorage.' }, source: 'the editor never shows keys' },
  { path: 'capabilities.voice.region', schema: { type: 'string', enum: [...VOICE_REGIONS], description: 'Where inbound, programmable SIP and SIP connect calls are sent.' }, source: 'official SDKs and the Vonage CLI (--voice-region)' },
  { path: 'capabilities.voice.signed_callbacks', schema: { type: 'boolean', description: 'Vonage signs its webhook requests with a JWT.' }, source: 'official SDKs; application.v2 2.1.4' },
  { path: 'capabilities.voice.conversations_ttl', schema: { type: 'integer', minimum: 0, maximum: MAX_CONVERSATIONS_TTL_HOURS, description: 'How long named conversations stay active after creation, in hours (at most 744, 31 days).' }, source: 'official SDKs (Java: 0..744)' },
  { path: 'capabilities.messages.version', schema: { type: 'string', enum: [...MESSAGES_VERSIONS], description: 'The Messages API version of the webhooks; v1 when not set.' }, source: 'the same document\'s POST body (a string; the API takes v1 or v0.1)' },
  { path: 'capabilities.rtc.signed_callbacks', schema: { type: 'boolean', description: 'Vonage signs its RTC webhook requests with a JWT.' }, source: 'the same document\'s POST body' },
  { path: 'capabilities.rtc.leg_persistence_time', schema: { type: 'integer', minimum: 1, maximum: 31, description: 'How many days call legs are kept.' }, source: 'the same document\'s POST body' },
];

/**
 * What the schema adds to a property the document declares without it: every webhook `address` must be an
 * http(s) URL, as the API and the prompts require (the document says only "string"). `patternErrorMessage`
 * is VS Code's own keyword: the squiggle says what to write. Applied to each path webhookAddressPaths finds.
 */
export const WEBHOOK_ADDRESS: Json = {
  pattern: '^https?://',
  patternErrorMessage: 'A webhook URL is a full address starting with https:// or http://, e.g. https://example.com/webhooks/event.',
};

/** Every capabilities.<capability>.webhooks.<webhook>.address the schema declares, as dotted paths. */
export function webhookAddressPaths(schema: Json): string[] {
  const out: string[] = [];
  const capabilities = (propertyAt(schema, 'capabilities')?.properties ?? {}) as Record<string, Json>;
  for (const cap of Object.keys(capabilities)) {
    const hooks = (propertyAt(schema, `capabilities.${cap}.webhooks`)?.properties ?? {}) as Record<string, Json>;
    for (const hook of Object.keys(hooks)) {
      const path = `capabilities.${cap}.webhooks.${hook}.address`;
      if (propertyAt(schema, path)) out.push(path);
    }
  }
  return out;
}

/** The PUT request body's schema in the document (inline, no $ref), or an Error saying what is missing. */
export function putBodySchema(documentText: string): Json {
  const doc = YAML.parse(documentText) as Json;
  const paths = doc.paths as Record<string, Json> | undefined;
  const put = paths?.['/v2/applications/{id}']?.put as Json | undefined;
  const schema = ((put?.requestBody as Json | undefined)?.content as Record<string, Json> | undefined)?.['application/json']?.schema;
  if (!schema || typeof schema !== 'object') throw new Error('The document has no PUT /v2/applications/{id} JSON request body.');
  return schema as Json;
}

/** The schema at a dotted property path inside an object schema (undefined when not declared there). */
export function propertyAt(schema: Json, dotted: string): Json | undefined {
  let node: Json | undefined = schema;
  for (const name of dotted.split('.')) {
    const props = node?.properties as Record<string, Json> | undefined;
    node = props?.[name];
    if (!node) return undefined;
  }
  return node;
}

/** Drops the document's vendor keys (x-…) and examples: they mean nothing to a validator. */
function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('x-') || k === 'example') continue;
    out[k] = clean(v);
  }
  return out;
}

function setAt(schema: Json, dotted: string, value: Json): void {
  const names = dotted.split('.');
  let node = schema;
  for (const name of names.slice(0, -1)) {
    const props = (node.properties ??= {}) as Record<string, Json>;
    node = props[name] ??= { type: 'object', properties: {} };
  }
  const props = (node.properties ??= {}) as Record<string, Json>;
  props[names[names.length - 1]] = { ...props[names[names.length - 1]], ...value };
}

/** The editor's schema for a document's text. */
export function buildApplicationSchema(documentText: string): Json {
  const body = clean(putBodySchema(documentText)) as Json;
  const props = body.properties as Record<string, Json>;
  delete props.keys; // replaced by the extension that forbids it
  const schema: Json = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Vonage application (Edit as JSON)',
    description: 'An application as PUT /v2/applications/{id} takes it. Generated by scripts/applicationSchema.ts from the Applications API document; do not edit by hand.',
    type: 'object',
    ...body,
  };
  for (const ext of EXTENSIONS) setAt(schema, ext.path, ext.schema);
  for (const path of webhookAddressPaths(schema)) setAt(schema, path, WEBHOOK_ADDRESS);
  return schema;
}

export function schemaText(documentText: string): string {
  return `${JSON.stringify(buildApplicationSchema(documentText), null, 2)}\n`;
}

if (require.main === module) {
  const doc = process.argv[2] ?? DEFAULT_DOCUMENT;
  if (!fs.existsSync(doc)) {
    console.error(`The Applications API document is not at ${doc}. Put the shared folder next to the repository, or give the path.`);
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
  fs.writeFileSync(SCHEMA_FILE, schemaText(fs.readFileSync(doc, 'utf8')));
  console.log(`wrote ${path.relative(REPO_ROOT, SCHEMA_FILE)} from ${doc}`);
}
