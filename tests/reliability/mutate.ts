/**
 * Hostile variants of valid JSON for property tests: a few paths of a real input (a fixture
 * prefetch, a valid hook request) deleted, retyped or replaced with values chosen to break parsers.
 */
import fc from 'fast-check';

type Path = (string | number)[];

/** Values that have broken JSON consumers before: huge, deep, empty, oddly typed, markup. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    0,
    -1,
    1e308,
    -0,
    '',
    ' ',
    'x'.repeat(100_000),
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '../../../../etc/passwd',
    'file:///etc/passwd',
    'http://169.254.169.254/latest/meta-data/',
    '{{context.patientId}}',
    '\u0000\uFFFF\uD800',
    '9999-99-99T99:99:99Z',
    '-000001-01-01',
    {},
    [],
    [null],
    JSON.parse('{"__proto__":{"polluted":true}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
    deepArray(1000),
    deepObject(1000),
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.double(),
);

function deepArray(depth: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

function deepObject(depth: number): unknown {
  let v: unknown = {};
  for (let i = 0; i < depth; i++) v = { resourceType: 'Bundle', entry: [{ resource: v }] };
  return v;
}

/** Every path of `value` (objects and arrays), at most `limit` of them. */
export function pathsOf(value: unknown, limit = 20_000): Path[] {
  const out: Path[] = [];
  const walk = (v: unknown, path: Path): void => {
    if (out.length >= limit) return;
    out.push(path);
    if (Array.isArray(v))
      v.forEach((x, i) => {
        walk(x, [...path, i]);
      });
    else if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(value, []);
  return out;
}

type Op = 'replace' | 'delete' | 'wrap-in-array' | 'stringify';

function apply(root: unknown, path: Path, op: Op, value: unknown): unknown {
  if (path.length === 0) return op === 'replace' ? value : root;
  const parentPath = path.slice(0, -1);
  let parent: unknown = root;
  for (const p of parentPath) {
    // An earlier mutation may have removed or retyped this path.
    if (typeof parent !== 'object' || parent === null) return root;
    parent = (parent as Record<string | number, unknown>)[p];
  }
  if (typeof parent !== 'object' || parent === null) return root;
  const container = parent as Record<string | number, unknown>;
  const key = path[path.length - 1] ?? '';
  switch (op) {
    case 'replace':
      container[key] = value;
      break;
    case 'delete':
      if (Array.isArray(container) && typeof key === 'number') container.splice(key, 1);
      else Reflect.deleteProperty(container, key);
      break;
    case 'wrap-in-array':
      container[key] = [container[key]];
      break;
    case 'stringify':
      try {
        container[key] = JSON.stringify(container[key]);
      } catch {
        container[key] = '[unstringifiable]'; // too deep for JSON.stringify itself
      }
      break;
  }
  return root;
}

/** 1-5 mutations of `base` (never modified itself). */
export function mutationsOf(base: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(base);
  return fc
    .array(
      fc.record({
        at: fc.nat({ max: paths.length - 1 }),
        op: fc.constantFrom<Op>('replace', 'replace', 'delete', 'wrap-in-array', 'stringify'),
        value: hostileValue,
      }),
      { minLength: 1, maxLength: 5 },
    )
    .map((muts) => {
      let v: unknown = structuredClone(base);
      for (const m of muts) v = apply(v, paths[m.at] ?? [], m.op, m.value);
      return v;
    });
}
