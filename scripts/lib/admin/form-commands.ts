import type { Command } from 'commander';
import { findFormVersion, latestFormVersion, listForms } from '../../../backend/src/db/forms.repository.ts';
import { formInputSchema, type FormContent } from '../../../backend/src/domain/form.ts';
import { addFormVersion, replaceUnusedFormVersion } from '../../../backend/src/services/forms.service.ts';
import { formView } from '../../../backend/src/services/form-view.ts';
import { CliError, UsageError } from '../cli/errors.ts';
import { withDeps } from '../cli/open-deps.ts';
import { readDataFile } from '../cli/read-data-file.ts';
import { formatTable, out, printJson } from '../cli/output.ts';

/** A form file (YAML or JSON, the shape of POST /api/admin/forms), validated; every problem with its path. */
export function readFormFile(file: string): FormContent & { key: string } {
  const value = readDataFile(file, 'form');
  const parsed = formInputSchema.safeParse(value);
  if (!parsed.success) throw new CliError(`${file}: not a valid form; nothing was imported`, parsed.error.issues.map((i) => `${i.path.join('.') || '(form)'}: ${i.message}`));
  return parsed.data;
}

const versionArg = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`version must be a whole number ≥ 1 (got "${v}")`);
  return n;
};

export function registerFormCommands(program: Command): void {
  const forms = program.command('forms').description('questionnaires: a form, or its next version; a version with responses never changes');

  forms
    .command('import')
    .description('add a form, or its next version, from a YAML or JSON file (the same content again adds nothing)')
    .argument('<file>', 'form.yaml or form.json: key, title, questions, groups, issues, overallKey, comment')
    .option('--replace <version>', 'replace that version instead, allowed only while it has no responses')
    .action(async (file: string, o: { replace?: string }) => {
      const input = readFormFile(file);
      const saved = await withDeps((deps) =>
        o.replace === undefined ? addFormVersion(deps.db, deps.forms, input, deps.now()) : replaceUnusedFormVersion(deps.db, deps.forms, input.key, versionArg(o.replace), input),
      );
      if (o.replace !== undefined) out(`replaced form ${saved.key} version ${saved.version}`);
      else out(saved.created ? `added form ${saved.key} version ${saved.version}` : `form ${saved.key} version ${saved.version} already has this content: nothing added`);
    });

  forms
    .command('list')
    .description('list forms and their versions')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const list = await withDeps((deps) => listForms(deps.db.kysely));
      if (o.json) return printJson(list);
      out(formatTable(['KEY', 'VERSIONS', 'TITLE'], list.map((f) => [f.key, f.versions.join(', '), f.title])));
    });

  forms
    .command('show')
    .description('show a form version (the latest unless --version): its groups, questions and issues')
    .argument('<key>')
    .option('--version <n>', 'a version number')
    .option('--json', 'print JSON')
    .action(async (key: string, o: { version?: string; json?: boolean }) => {
      const form = await withDeps((deps) => (o.version === undefined ? latestFormVersion(deps.db.kysely, key) : findFormVersion(deps.db.kysely, key, versionArg(o.version))));
      if (!form) throw new CliError(`no form ${key}${o.version ? ` version ${o.version}` : ''}`);
      const view = formView(form);
      if (o.json) return printJson(view);
      out(`${view.key} version ${view.version}: ${view.title}`);
      out(`general question: ${view.overallKey}; comment ${view.comment ? 'offered' : 'not offered'}`);
      const groupLabel = new Map(view.groups.map((g) => [g.key, g.parent ? `${view.groups.find((p) => p.key === g.parent)?.label ?? g.parent} › ${g.label}` : g.label]));
      out(formatTable(['KEY', 'MANDATORY', 'GROUP', 'QUESTION'], view.questions.map((q) => [q.key, q.mandatory ? 'yes' : 'no', q.group ? (groupLabel.get(q.group) ?? q.group) : '-', q.label])));
      if (view.issues.length > 0) out(formatTable(['ISSUE', 'LABEL'], view.issues.map((i) => [i.key, i.label])));
    });
}
