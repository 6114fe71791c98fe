import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript, tempEnv } from './helpers.ts';

const t = tempEnv();
afterAll(() => t.cleanup());
const admin = (...args: string[]) => runScript('admin.ts', args, t.env);

const yaml = `# A two-question exit poll
key: exit_poll
title: Phiếu hỏi nhanh khi ra về
groups:
  - { key: speed, label: Tốc độ }
questions:
  - { key: overall, label: "Nhìn chung Ông/Bà hài lòng ở mức nào?" }
  - { key: waiting, label: Thời gian chờ, group: speed, help: Từ lúc lấy số đến lúc được gọi }
issues:
  - { key: rude, label: Thái độ thiếu lịch sự }
`;

describe('npm run admin -- forms (issue 24)', () => {
  it('imports a YAML form, lists it beside the built-ins, shows it; the same file again adds nothing; a change is version 2', async () => {
    const file = join(t.dir, 'exit-poll.yaml');
    writeFileSync(file, yaml);
    const first = await admin('forms', 'import', file);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('added form exit_poll version 1\n');
    expect((await admin('forms', 'import', file)).stdout).toBe('form exit_poll version 1 already has this content: nothing added\n');
    const list = await admin('forms', 'list');
    expect(list.stdout).toMatch(/^counter\s+1\s+Đánh giá sự hài lòng/m);
    expect(list.stdout).toMatch(/^exit_poll\s+1\s+Phiếu hỏi nhanh khi ra về$/m);
    expect(list.stdout).toMatch(/^sipas\s+1\s+/m);
    const show = await admin('forms', 'show', 'exit_poll');
    expect(show.stdout).toContain('exit_poll version 1: Phiếu hỏi nhanh khi ra về');
    expect(show.stdout).toMatch(/^waiting\s+yes\s+Tốc độ\s+Thời gian chờ$/m);
    expect(show.stdout).toMatch(/^rude\s+Thái độ thiếu lịch sự$/m);
    const json = join(t.dir, 'exit-poll.json');
    writeFileSync(json, JSON.stringify({ key: 'exit_poll', title: 'Phiếu hỏi nhanh (bản 2)', questions: [{ key: 'overall', label: 'Hài lòng chung?' }] }));
    expect((await admin('forms', 'import', json)).stdout).toBe('added form exit_poll version 2\n');
    const sipas = await admin('forms', 'show', 'sipas', '--json');
    expect((JSON.parse(sipas.stdout) as { questions: unknown[] }).questions).toHaveLength(20);
  });

  it('a point serves the form it names', async () => {
    expect((await admin('unit', 'create', 'xa-forms', 'UBND xã Forms')).code).toBe(0);
    const p = await admin('point', 'create', 'xa-forms', 'Quầy SIPAS', '--form', 'sipas');
    expect(p.code).toBe(0);
    const missing = await admin('point', 'create', 'xa-forms', 'Quầy lạ', '--form', 'no_such');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Không có phiếu khảo sát "no_such"');
  });

  it('refuses a bad file whole, naming each problem (exit 1), and a wrong file type (exit 2)', async () => {
    const bad = join(t.dir, 'bad.yaml');
    writeFileSync(bad, 'key: Bad Key\ntitle: x\nquestions:\n  - { key: a, label: A, group: nope }\n  - { key: a, label: B }\n');
    const r = await admin('forms', 'import', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not a valid form; nothing was imported');
    expect(r.stderr).toMatch(/key: /);
    expect(r.stderr).toMatch(/questions\.1\.key: Khóa "a" bị trùng\./);
    expect(r.stderr).toMatch(/questions\.0\.group: Không có nhóm "nope"\./);
    expect((await admin('forms', 'import', join(t.dir, 'form.txt'))).code).toBe(2);
    expect((await admin('forms', 'list')).stdout).not.toContain('Bad Key');
  });
});
