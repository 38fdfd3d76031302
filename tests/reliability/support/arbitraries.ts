import fc from "fast-check";

/** Values that have broken parsers before: stray escapes, traversal, NULs, lone surrogates, huge. */
export const nasty = fc.constantFrom(
  "",
  " ",
  "%",
  "%25",
  "%E0%A4%A",
  "%ZZ",
  "%00",
  "..",
  "../../etc/passwd",
  "a".repeat(3000),
  "\u0000",
  "\uD800",
  "<script>alert(1)</script>",
  "' or 1=1 --",
  "null",
  "[]",
  "{}",
  "prf_",
  "__proto__",
  "constructor",
  "😀",
  "-1",
  "1e309",
  "NaN",
  "9".repeat(40),
);

export const junk = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), nasty, fc.integer().map(String));

/** What may legally go into a header value (fetch refuses the rest before sending). */
export const headerValue = fc.oneof(fc.stringMatching(/^[\x20-\x7e]{0,120}$/), nasty.filter((s) => /^[\x20-\x7e]*$/.test(s)));

function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone surrogate has no UTF-8: send the bytes a careless client would.
    return "%ED%A0%80";
  }
}

/** One path segment: usually a real value or junk, properly encoded; sometimes malformed escapes. */
export function segment(valid: string[]): fc.Arbitrary<string> {
  const good = valid.length ? fc.constantFrom(...valid) : fc.constant("x");
  return fc.oneof(
    { weight: 4, arbitrary: good.map(encode) },
    { weight: 3, arbitrary: junk.map(encode) },
    { weight: 1, arbitrary: fc.constantFrom("%", "%E0%A4%A", "%ZZ", "a%2", "%C0%AF", "%ED%A0%80") },
  );
}

/** A query string over the names a route knows plus junk names, with repeated and malformed entries. */
export function queryString(known: string[], validValues: string[] = []): fc.Arbitrary<string> {
  const name = fc.oneof({ weight: 3, arbitrary: known.length ? fc.constantFrom(...known) : fc.constant("q") }, { weight: 1, arbitrary: junk });
  const value = fc.oneof({ weight: 2, arbitrary: validValues.length ? fc.constantFrom(...validValues) : junk }, { weight: 3, arbitrary: junk });
  const pair = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(name, value).map(([k, v]) => `${encode(k)}=${encode(v)}`) },
    { weight: 1, arbitrary: fc.constantFrom("%", "a=%E0%A4%A", "=", "&&", "a", "a=b=c", "%ZZ=1") },
  );
  return fc.array(pair, { maxLength: 6 }).map((pairs) => (pairs.length ? `?${pairs.join("&")}` : ""));
}

export const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=xyz",
      "multipart/form-data",
      "application/json; charset=utf-16",
      "application/merge-patch+json",
      "application/xml",
      "*/*",
      "",
    ),
  },
  { weight: 1, arbitrary: headerValue },
);

/** JSON bodies: random documents, objects over the schema's own field names, broken JSON, huge. */
export function jsonBody(fields: string[], maxBytes: number): fc.Arbitrary<string | undefined> {
  const field = fc.oneof({ weight: 4, arbitrary: fields.length ? fc.constantFrom(...fields) : fc.constant("x") }, { weight: 1, arbitrary: junk });
  const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), junk, fc.constantFrom(null, true, -1, 1e308, "", [], {}));
  return fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(field, value, { maxKeys: 6 }).map((o) => JSON.stringify(o)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: junk },
    { weight: 1, arbitrary: fc.constantFrom('{"a":', "{", "[1,2", '{"__proto__":{"admin":true}}', "\uFEFF{}", "nul", '"unterminated') },
    { weight: 1, arbitrary: fc.constant(`{"pad":"${"x".repeat(maxBytes + 16)}"}`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** Form bodies over the names a page's forms use, with junk and repeats. */
export function formBody(fields: string[], validValues: Record<string, string[]>): fc.Arbitrary<string> {
  const known = (name: string) => (Object.hasOwn(validValues, name) && validValues[name]!.length ? validValues[name]! : null);
  const pair = fc.oneof(fc.constantFrom(...fields), junk).chain((name) =>
    fc.oneof(known(name) ? fc.constantFrom(...known(name)!) : junk, junk).map((v) => `${encode(name)}=${encode(v)}`),
  );
  return fc.oneof(
    { weight: 5, arbitrary: fc.array(pair, { maxLength: 8 }).map((p) => p.join("&")) },
    { weight: 1, arbitrary: junk },
    { weight: 1, arbitrary: fc.constantFrom("--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xyz--", "a=%E0%A4%A", "%", "x".repeat(70_000)) },
  );
}
