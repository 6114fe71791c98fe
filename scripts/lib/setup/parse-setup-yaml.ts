import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { findIllFormedText } from '../../../backend/src/domain/text.ts';
import { crossCheck, EMPTY_PLAN, FileErrors, yamlSetupSchema, type LineError, type SetupPlan, type YamlSetup } from './setup-plan.ts';

type Path = (string | number)[];

/** The line of the node at `path`, or of its nearest existing ancestor (for a missing key). */
function lineOf(doc: Document, lc: LineCounter, path: Path): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return 1;
}

/** The line of `key` inside the mapping at `path` (for unknown keys). */
function keyLine(doc: Document, lc: LineCounter, path: Path, key: string): number {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (pair && isNode(pair.key) && pair.key.range) return lc.linePos(pair.key.range[0]).line;
  }
  return lineOf(doc, lc, path);
}

const describe = (issue: z.core.$ZodIssue): string => {
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
};

/**
 * A district set-up file in YAML:
 *   district: { code, name, kind?, staff? }            (optional parent of every commune)
 *   communes: [ { code, name, kind?, parent?, officers: [{ name, title? }],
 *                 points: [{ label, officer? }], staff: [{ username, role, password? }] } ]
 */
export function parseSetupYaml(source: string, file: string): SetupPlan {
  const lc = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new FileErrors(
      file,
      doc.errors.map((e) => ({ line: e.linePos?.[0].line ?? 1, message: `YAML syntax: ${e.message.split('\n')[0]}` })),
    );
  }
  const data: unknown = doc.toJS() ?? {};
  // "\ud800" in a double-quoted YAML string is a lone surrogate: no database stores it as written.
  const illFormed = findIllFormedText(data);
  if (illFormed) throw new FileErrors(file, [{ line: lineOf(doc, lc, illFormed), message: `${illFormed.join('.')}: text that is not well-formed Unicode (a lone surrogate)` }]);
  const parsed = yamlSetupSchema.safeParse(data);
  if (!parsed.success) {
    const errors = parsed.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => ({ line: keyLine(doc, lc, i.path as Path, k), message: `${[...i.path, k].join('.')}: unknown key "${k}"` }))
        : [{ line: lineOf(doc, lc, i.path as Path), message: describe(i) }],
    );
    throw new FileErrors(file, errors);
  }
  const plan = flatten(parsed.data, (path) => lineOf(doc, lc, path));
  const problems: LineError[] = crossCheck(plan);
  if (problems.length > 0) throw new FileErrors(file, problems);
  return plan;
}

function flatten(data: YamlSetup, line: (path: Path) => number): SetupPlan {
  const plan = EMPTY_PLAN();
  const addUnit = (u: YamlSetup['communes'][number], base: Path, defaultKind: 'district' | 'commune', defaultParent: string | null) => {
    plan.units.push({ line: line(base), code: u.code, name: u.name, kind: u.kind ?? defaultKind, parentCode: u.parent ?? defaultParent });
    u.officers.forEach((o, i) =>
      plan.officers.push({ line: line([...base, 'officers', i]), unitCode: u.code, name: o.name, title: o.title ?? null }),
    );
    u.points.forEach((p, i) =>
      plan.points.push({ line: line([...base, 'points', i]), unitCode: u.code, label: p.label, officerName: p.officer ?? null }),
    );
    u.staff.forEach((s, i) =>
      plan.staff.push({ line: line([...base, 'staff', i]), unitCode: u.code, username: s.username, role: s.role, password: s.password ?? null }),
    );
  };
  if (data.district) addUnit(data.district, ['district'], 'district', null);
  data.communes.forEach((c, i) => addUnit(c, ['communes', i], 'commune', data.district?.code ?? null));
  return plan;
}
