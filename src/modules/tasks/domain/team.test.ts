import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { caseClosed, isTeamMember, teamProblems } from './team.ts';

describe('case teams', () => {
  const members = [
    { officialId: 'a', unitCode: '07900', displayName: 'A', role: 'leader' as const },
    { officialId: 'b', unitCode: '25.SNNMT', displayName: 'B', role: 'member' as const },
  ];

  it('membership is the relationship itself, and ends with the team', () => {
    assert.equal(isTeamMember({ members, dissolvedAt: null }, 'b'), true);
    assert.equal(isTeamMember({ members, dissolvedAt: null }, 'c'), false);
    assert.equal(isTeamMember({ members, dissolvedAt: null }, null), false);
    assert.equal(isTeamMember({ members, dissolvedAt: new Date() }, 'b'), false);
  });

  it('brings together at least two units, each official once', () => {
    assert.deepEqual(teamProblems(members), []);
    assert.equal(teamProblems([members[0]!, { officialId: 'c', unitCode: '07900' }]).length, 1);
    assert.equal(teamProblems([members[0]!, members[0]!, members[1]!]).length, 1);
  });

  it('dissolves when the case closes', () => {
    assert.equal(caseClosed('task', 'approved'), true);
    assert.equal(caseClosed('task', 'overdue'), false);
    assert.equal(caseClosed('dossier', 'returned'), true);
    assert.equal(caseClosed('dossier', 'in_processing'), false);
  });
});
