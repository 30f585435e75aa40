import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProcessBodySchema, defaultProcess, limitHours, processProblems, splitBudget, stepIndex, type ProcessBody } from './process.ts';

const body = (def: ReturnType<typeof defaultProcess>): ProcessBody => ({ level: def.level, limit: def.limit, steps: def.steps });

describe('process definitions', () => {
  it('derives valid defaults for commune and province procedures', () => {
    for (const [level, amount] of [['commune', 1], ['commune', 3], ['province', 20], ['province', 45]] as const) {
      const def = defaultProcess('1.001193', level, { amount, unit: 'working_days' });
      const parsed = ProcessBodySchema.safeParse(body(def));
      assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
      assert.deepEqual(def.steps.map((s) => s.key), ['receive', 'appraise', 'approve', 'issue', 'return']);
      assert.equal(def.steps[0]!.tier, undefined, 'reception happens wherever the applicant chose');
      assert.equal(def.steps[1]!.tier, level);
      assert.equal(def.steps[1]!.unit, 'deciding');
      assert.equal(def.steps.at(-1)!.unit, 'returning');
      assert.equal(def.steps.reduce((s, x) => s + x.hours, 0), limitHours(def.limit));
    }
  });

  it('splits budgets in half hours that never exceed the limit', () => {
    assert.deepEqual(splitBudget(168), { receive: 4, approve: 24, issue: 8, appraise: 132 });
    for (let h = 2; h <= 400; h++) {
      const b = splitBudget(h);
      const sum = b.receive + b.appraise + b.approve + b.issue;
      assert.ok(sum <= h, `${h}: ${sum}`);
      for (const v of Object.values(b)) assert.equal(v * 2, Math.round(v * 2));
      assert.ok(b.appraise > 0);
    }
  });

  it('approximates calendar days and months in working hours', () => {
    assert.equal(limitHours({ amount: 7, unit: 'days' }), 40);
    assert.equal(limitHours({ amount: 1, unit: 'months' }), 176);
    assert.equal(limitHours({ amount: 12, unit: 'hours' }), 12);
  });

  it('refuses inconsistent definitions with Vietnamese reasons', () => {
    const def = body(defaultProcess('1.001193', 'commune', { amount: 3, unit: 'working_days' }));
    const clerkApproves = structuredClone(def);
    clerkApproves.steps[3]!.actions.push('approve');
    assert.match(processProblems(clerkApproves)[0]!.message, /Văn thư phát hành không được giao thao tác "approve"/);

    const noReturn = structuredClone(def);
    noReturn.steps.pop();
    assert.ok(processProblems(noReturn).some((p) => /trả kết quả/.test(p.message)));

    const tooLong = structuredClone(def);
    tooLong.steps[1]!.hours = 100;
    assert.ok(processProblems(tooLong).some((p) => /vượt thời hạn/.test(p.message)));

    const dup = structuredClone(def);
    dup.steps[2]!.key = 'appraise';
    assert.ok(processProblems(dup).some((p) => /bị trùng/.test(p.message)));

    const provinceTier = structuredClone(def);
    provinceTier.steps[1]!.tier = 'province';
    assert.ok(processProblems(provinceTier).some((p) => /cấp xã/.test(p.message)));

    const approveAtReception = structuredClone(def);
    approveAtReception.steps[2]!.unit = 'receiving';
    assert.ok(processProblems(approveAtReception).some((p) => /cơ quan có thẩm quyền/.test(p.message)));

    assert.deepEqual(processProblems(def), []);
    assert.equal(ProcessBodySchema.safeParse({ ...def, steps: [{ ...def.steps[0], hours: 0.3 }, ...def.steps.slice(1)] }).success, false);
  });

  it('finds steps by key', () => {
    const def = defaultProcess('1.001193', 'commune', { amount: 3, unit: 'working_days' });
    assert.equal(stepIndex(def, 'approve'), 2);
    assert.equal(stepIndex(def, 'nope'), -1);
  });
});
