// A real graphql-js client against a running kg server:
//
//   KG_TOKEN=... node check.mjs http://127.0.0.1:8080/graphql
//
// 1. Introspection, as graphql-js 16 and GraphiQL send it
//    (getIntrospectionQuery, with no option, with GraphiQL's and with
//    every one): buildClientSchema, validateSchema, printSchema, and the
//    printed schema must be schema/schema.graphql below its comment,
//    byte for byte.
// 2. Every GraphQL query of README.md:
//    valid for graphql-js; answered without errors; not empty: every
//    object the query asks for outside lists is there, and every list of
//    objects that is not inside another list has an item (lists inside
//    lists, "what ISIS said" among the entities found, are reported
//    when empty everywhere, without failing); and the answer's members
//    come in the order graphql-js itself gives them: the answer is
//    executed again by graphql-js over the client schema, each field
//    read from the server's answer, and the two must serialise to the
//    same JSON text.
//
// It prints one line per check and exits 1 if any failed. The Go test
// TestGraphQLJSClient (cmd/kg) starts the server on the demo articles
// and runs it.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  buildClientSchema,
  execute,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  parse,
  printSchema,
  validate,
  validateSchema,
  version,
} from "graphql";
import { ClientError, GraphQLClient } from "graphql-request";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const endpoint = process.argv[2];
if (!endpoint) {
  console.error("usage: node check.mjs GRAPHQL_URL   (e.g. http://127.0.0.1:8080/graphql)");
  process.exit(2);
}
const readmePath = process.env.KG_README ?? here("../../README.md");
const sdlPath = process.env.KG_SCHEMA ?? here("../../schema/schema.graphql");
// Mutations (the README's ingestDocument) need a credential: kg token add
// NAME prints one; pass it as KG_TOKEN.
const client = new GraphQLClient(
  endpoint,
  process.env.KG_TOKEN ? { headers: { Authorization: `Bearer ${process.env.KG_TOKEN}` } } : {},
);

let failures = 0;
const ok = (msg) => console.log(`ok    ${msg}`);
const fail = (msg) => {
  failures++;
  console.log(`FAIL  ${msg}`);
};

// send runs a query; GraphQL errors (ClientError) come back as errors.
async function send(query, variables) {
  try {
    const { data, errors } = await client.rawRequest(query, variables);
    return { data, errors };
  } catch (e) {
    if (e instanceof ClientError) {
      return { data: e.response.data, errors: e.response.errors ?? [{ message: e.message }] };
    }
    return { errors: [{ message: `POST ${endpoint}: ${e.message}${e.cause ? ` (${e.cause.message ?? e.cause})` : ""}` }] };
  }
}

const messages = (errors) => errors.map((e) => e.message).join("; ");

// firstDifference names the first line where two texts differ.
function firstDifference(got, want) {
  const g = got.split("\n");
  const w = want.split("\n");
  for (let i = 0; i < Math.max(g.length, w.length); i++) {
    if (g[i] !== w[i]) {
      return `line ${i + 1}: printSchema has ${JSON.stringify(g[i])}, schema.graphql has ${JSON.stringify(w[i])}`;
    }
  }
  return "no difference";
}

// 1. Introspection.
const sdlFile = readFileSync(sdlPath, "utf8");
const wantSDL = sdlFile.replace(/^(#[^\n]*\n)+\n/, ""); // the comment on top
let clientSchema;
const variants = [
  ["getIntrospectionQuery()", {}],
  ["GraphiQL's (inputValueDeprecation, schemaDescription)", { inputValueDeprecation: true, schemaDescription: true }],
  [
    "every option",
    {
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      experimentalDirectiveDeprecation: true,
      oneOf: true,
    },
  ],
];
for (const [name, options] of variants) {
  const what = `introspection, ${name}, graphql-js ${version}`;
  const { data, errors } = await send(getIntrospectionQuery(options));
  if (errors?.length) {
    fail(`${what}: ${messages(errors)}`);
    continue;
  }
  let schema;
  try {
    schema = buildClientSchema(data);
  } catch (e) {
    fail(`${what}: buildClientSchema: ${e.message}`);
    continue;
  }
  const invalid = validateSchema(schema);
  if (invalid.length) {
    fail(`${what}: the schema is not valid: ${messages(invalid)}`);
    continue;
  }
  const printed = printSchema(schema) + "\n";
  if (printed !== wantSDL) {
    fail(`${what}: printSchema differs from ${sdlPath}: ${firstDifference(printed, wantSDL)}`);
    continue;
  }
  clientSchema ??= schema;
  ok(`${what}: printSchema is schema/schema.graphql (${Object.keys(schema.getTypeMap()).length} types)`);
}
if (!clientSchema) {
  console.log(`${failures} failed`);
  process.exit(1);
}

// 2. The README's queries.
const readme = readFileSync(readmePath, "utf8");
const queries = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
if (queries.length < 3) {
  fail(`found ${queries.length} GraphQL examples in ${readmePath}, want at least 3`);
}
// ISIS_ID in an example stands for the ID of ISIS (the timeline's
// example), as the README says; the Go README test replaces it the same way.
const isis = await send(`{ entities(name: "ISIS", type: ARMED_GROUP, first: 1) { nodes { id } } }`, {});
const isisID = isis.data?.entities?.nodes?.[0]?.id;
for (const [i, raw] of queries.entries()) {
  const query = isisID ? raw.replaceAll('"ISIS_ID"', JSON.stringify(isisID)) : raw;
  const what = `README example ${i + 1} (${query.split("\n").find((l) => /\w/.test(l)).trim()}…)`;
  let document;
  try {
    document = parse(query);
  } catch (e) {
    fail(`${what}: ${e.message}`);
    continue;
  }
  const invalid = validate(clientSchema, document);
  if (invalid.length) {
    fail(`${what}: not valid for graphql-js: ${messages(invalid)}`);
    continue;
  }
  const { data, errors } = await send(query, {});
  if (errors?.length) {
    fail(`${what}: ${messages(errors)}`);
    continue;
  }
  if (data == null) {
    fail(`${what}: no data`);
    continue;
  }
  // Execute again in graphql-js, reading each field from the answer by
  // its response key: graphql-js builds the result in the order the
  // specification gives, and checks every value against its type.
  const filled = new Map(); // path of response keys → {some, required}
  const again = await execute({
    schema: clientSchema,
    document,
    rootValue: data,
    fieldResolver(source, _args, _context, info) {
      const value = source[info.path.key];
      if (isObjectType(getNamedType(info.returnType))) {
        const keys = [];
        let inList = false; // below an item of a list
        for (let p = info.path; p; p = p.prev) {
          if (typeof p.key === "string") keys.unshift(p.key);
          else inList = true;
        }
        const path = keys.join(".");
        const some = isListType(getNullableType(info.returnType)) ? value?.length > 0 : value != null;
        const seen = filled.get(path) ?? { some: false, required: !inList };
        filled.set(path, { some: seen.some || some, required: seen.required });
      }
      return value;
    },
  });
  if (again.errors?.length) {
    fail(`${what}: the answer does not fit the schema: ${messages(again.errors)}`);
    continue;
  }
  const empty = (required) =>
    [...filled].filter(([, f]) => !f.some && f.required === required).map(([path]) => path);
  if (empty(true).length) {
    fail(`${what}: empty: nothing in ${empty(true).join(", ")}: ${JSON.stringify(data).slice(0, 300)}`);
    continue;
  }
  if (empty(false).length) {
    console.log(`note  ${what}: nothing anywhere in ${empty(false).join(", ")}`);
  }
  const got = JSON.stringify(data);
  const want = JSON.stringify(again.data);
  if (got !== want) {
    let at = 0;
    while (at < got.length && got[at] === want[at]) at++;
    fail(`${what}: members not in query order at …${got.slice(Math.max(0, at - 40), at + 40)}… (graphql-js: …${want.slice(Math.max(0, at - 40), at + 40)}…)`);
    continue;
  }
  ok(`${what}: data, members in query order`);
}

if (failures) {
  console.log(`${failures} failed`);
  process.exit(1);
}
console.log("all passed");
