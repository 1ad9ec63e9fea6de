import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  can,
  missingDecisionPermissions,
  PERMISSIONS,
  ROLE_PERMISSIONS,
  type DecisionContext,
  type Permission,
} from '../../src/auth/permissions';
import { STAFF_ROLES, type StaffRole } from '../../src/auth/roles';

const doc = readFileSync(path.join(__dirname, '../../docs/people.md'), 'utf8');

/** The rows of the markdown table whose header starts with `firstHeader`. */
function table(firstHeader: string): string[][] {
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^\\|\\s*${firstHeader}\\s*\\|`).test(l));
  if (start < 0) throw new Error(`docs/people.md has no table starting with "${firstHeader}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/`/g, '')),
    );
  }
  return rows;
}

const allowed = (decision: DecisionContext): StaffRole[] =>
  STAFF_ROLES.filter((role) => missingDecisionPermissions(role, decision).length === 0);

describe('the permission table', () => {
  it('docs/people.md lists every permission with exactly the roles that hold it', () => {
    const documented = table('permission').map(([permission, , biller, supervisor, admin]) => [
      permission,
      { biller: biller === '✓', supervisor: supervisor === '✓', admin: admin === '✓' },
    ]);
    const actual = (Object.keys(PERMISSIONS) as Permission[]).map((permission) => [
      permission,
      {
        biller: can('biller', permission),
        supervisor: can('supervisor', permission),
        admin: can('admin', permission),
      },
    ]);
    expect(documented).toEqual(actual);
  });

  it('docs/people.md shows who may take each decision on each kind of task', () => {
    const actions = ['approve', 'amend', 'reject', 'bill_patient'] as const;
    const documented = table('task kind');
    const cell = (taskKind: DecisionContext['taskKind'], action: (typeof actions)[number]) => {
      const clean = allowed({ taskKind, action, codingErrors: 0 }).join(', ');
      const withErrors = allowed({ taskKind, action, codingErrors: 2 }).join(', ');
      return clean === withErrors ? clean : `${clean} (${withErrors} over coding errors)`;
    };
    expect(documented.map((row) => row[0])).toEqual([
      'coding_review',
      'rejection',
      'denial',
      'documentation_amended',
      'no_payment',
      'pathology_overdue',
    ]);
    for (const [kind, ...cells] of documented)
      expect({ kind, cells }).toEqual({
        kind,
        cells: actions.map((action) => cell(kind as DecisionContext['taskKind'], action)),
      });
  });

  it('a supervisor can do everything a biller can; an admin decides no claim', () => {
    for (const permission of ROLE_PERMISSIONS.biller) expect(can('supervisor', permission)).toBe(true);
    for (const kind of ['coding_review', 'denial', 'no_payment'] as const)
      expect(allowed({ taskKind: kind, action: 'amend', codingErrors: 0 })).not.toContain('admin');
  });

  it('names what is missing, why, and who holds it', () => {
    expect(
      missingDecisionPermissions('biller', { taskKind: 'denial', action: 'approve', codingErrors: 0 }),
    ).toEqual([
      {
        permission: 'balance.write-off',
        because: 'approving a denial writes off the open insurance balance',
        roles: ['supervisor'],
      },
    ]);
    expect(
      missingDecisionPermissions('biller', { taskKind: 'no_payment', action: 'reject', codingErrors: 0 }),
    ).toEqual([
      expect.objectContaining({ permission: 'review.decide-escalated' }),
      expect.objectContaining({ permission: 'claim.write-off' }),
    ]);
  });
});
